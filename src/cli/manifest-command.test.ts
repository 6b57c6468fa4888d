// `weft manifest <folder>` lists a capture folder's files in manifest.json.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { readEnvelope } from '../decode/envelope';
import { FIXTURES, expectedSummary, readCborFiles } from '../decode/testing';
import { manifestCommand } from './manifest-command';
import type { Output } from './decode-command';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function capture() {
  const lines: string[] = [];
  const errors: string[] = [];
  const out: Output = { write: (text) => void lines.push(text), error: (l) => void errors.push(l) };
  return { out, lines, errors };
}

it('writes manifest.json listing process, streams and blocks of a capture folder', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'weft-manifest-test-'));
  dirs.push(dir);
  cpSync(join(FIXTURES, 'mixed'), dir, { recursive: true });
  const { out, lines, errors } = capture();
  expect(await manifestCommand([dir], out)).toBe(0);
  expect(errors).toEqual([]);
  expect(lines.join('')).toContain('1 process, 7 streams, 19 blocks');
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  expect(manifest.process_id).toBe(expectedSummary('mixed').process_id);
  const read = readCborFiles(dir);
  const files = read.map(([path]) => path);
  const rank = (p: string) => (p === 'process.cbor' ? 0 : p.startsWith('streams/') ? 1 : 2);
  const rankOrder = (list: string[]) => list.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
  // the same files, process and streams first; blocks by their envelope's begin time
  expect([...manifest.files].sort()).toEqual([...files].sort());
  const head = files.filter((p) => !p.startsWith('blocks/')).length;
  expect(manifest.files.slice(0, head)).toEqual(rankOrder(files).slice(0, head));
  const bytes = new Map(read);
  const begins = (manifest.files as string[]).slice(head).map((path) => {
    const e = readEnvelope(bytes.get(path)!, path);
    if (e.kind !== 'block') throw new Error(`${path} is not a block`);
    return e.block.beginTimeNs;
  });
  expect(begins).toEqual([...begins].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
});

it('fails on a folder without capture files, and on bad usage', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'weft-manifest-test-'));
  dirs.push(dir);
  const { out, errors } = capture();
  expect(await manifestCommand([dir], out)).toBe(1);
  expect(await manifestCommand([join(dir, 'missing')], out)).toBe(1);
  expect(await manifestCommand([], out)).toBe(2);
  expect(errors[0]).toContain('no process.cbor');
});
