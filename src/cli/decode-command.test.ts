// `weft decode` on captures holding one hostile block: the good blocks' rows are printed exactly,
// the hostile one is named on stderr, and the exit code says something was rejected.
import { decode, encode } from 'cbor-x';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  FIXTURES,
  expandingLz4Frame,
  expectedCsvLinesWithout,
  lz4FrameDeclaring,
  expectedCsvLines,
  readCborFiles,
} from '../decode/testing';
import { main } from './main';

async function run(args: string[]) {
  let stdout = '';
  const stderr: string[] = [];
  const code = await main(args, { write: (t) => void (stdout += t), error: (l) => stderr.push(l) });
  return { code, stdout, stderr };
}

/** A copy of fixtures/micromegas/small with its first block file replaced by `edit`'s output. */
function smallWithVictim(edit: (block: Record<string, any>) => Uint8Array) {
  const dir = mkdtempSync(join(tmpdir(), 'weft-decode-'));
  cpSync(join(FIXTURES, 'small'), dir, { recursive: true });
  const [name, bytes] = readCborFiles(dir).find(([n]) => n.startsWith('blocks/'))!;
  const block = decode(bytes) as Record<string, any>;
  writeFileSync(join(dir, name), edit(block));
  return { dir, blockId: block.block_id as string, name };
}

describe('weft decode with a hostile block', () => {
  test('a frame declaring 1 TiB is refused before any allocation', async () => {
    const { dir, blockId } = smallWithVictim((block) =>
      encode({ ...block, payload: { ...block.payload, objects: lz4FrameDeclaring(2 ** 40) } }),
    );
    const { code, stdout, stderr } = await run(['decode', dir]);
    expect(stdout.trimEnd().split('\n')).toEqual(expectedCsvLinesWithout('small', [blockId]));
    expect(stderr).toEqual([
      expect.stringContaining(
        `block ${blockId}: objects LZ4 frame: declared content size 1099511627776 exceeds`,
      ),
    ]);
    expect(code).toBe(1);
  });

  test('a payload that really expands past 64 MiB: good rows exact, the block named', async () => {
    const { dir, blockId } = smallWithVictim((block) =>
      encode({ ...block, payload: { ...block.payload, objects: expandingLz4Frame(17) } }),
    );
    const { code, stdout, stderr } = await run(['decode', dir]);
    expect(stdout.trimEnd().split('\n')).toEqual(expectedCsvLinesWithout('small', [blockId]));
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toContain(`block ${blockId}: objects LZ4 frame: block output exceeds`);
    expect(code).toBe(1);
  });
});

test('one block ending in 2100: every row timed exactly, the block named, exit 1', async () => {
  const { dir, blockId, name } = smallWithVictim((block) =>
    encode({ ...block, end_time: '2100-01-01T00:00:00Z' }),
  );
  const { code, stdout, stderr } = await run(['decode', dir]);
  expect(stdout.trimEnd().split('\n')).toEqual(expectedCsvLines('small'));
  expect(stderr).toEqual([
    expect.stringMatching(`^rejected: ${join(dir, name)} block ${blockId}: timing inconsistent`),
  ]);
  expect(code).toBe(1);
});

test('weft decode | head exits quietly when the reader goes away (EPIPE)', () => {
  const weft = join(import.meta.dirname, '../../bin/weft.js');
  const medium = join(FIXTURES, 'medium'); // ~40 MB of CSV: far beyond any pipe buffer
  const shell = `node ${weft} decode ${medium} | head -n 2; echo "weft exit \${PIPESTATUS[0]}" >&2`;
  const { stdout, stderr } = spawnSync('bash', ['-c', shell], { encoding: 'utf8' });
  expect(stdout.trimEnd().split('\n')).toHaveLength(2);
  expect(stderr).toBe('weft exit 0\n');
});
