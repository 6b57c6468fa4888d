// `weft manifest <capture-folder>`: writes <folder>/manifest.json listing the folder's capture
// files (process.cbor, streams/*.cbor, blocks/*/*.cbor), so the folder can be opened from any
// static web server with the viewer's ?process=<url>. Blocks are listed by begin time across
// streams (the viewer loads a manifest in its order, so what has merged at any moment of a long
// load is the process's beginning on every thread, which a preview shows); a block whose header
// cannot be read goes last, in path order.
import { compare } from '../base/compare';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readEnvelope } from '../decode/envelope';
import { listCaptureFiles, writeManifest } from '../server/capture-files';
import type { Output } from './decode-command';

async function processIdOf(dir: string): Promise<string | null> {
  try {
    const envelope = readEnvelope(await readFile(join(dir, 'process.cbor')), 'process.cbor');
    return envelope.kind === 'process' ? envelope.process.processId : null;
  } catch {
    return null;
  }
}

/** Begin time of a block file (its envelope header), or null when unreadable. */
async function beginNsOf(path: string): Promise<bigint | null> {
  try {
    const envelope = readEnvelope(await readFile(path), path);
    return envelope.kind === 'block' ? envelope.block.beginTimeNs : null;
  } catch {
    return null;
  }
}

/** `files` (in listCaptureFiles order) with the blocks by begin time, then path. */
async function blocksByBeginTime(dir: string, files: string[]): Promise<string[]> {
  const blocks = files.filter((f) => f.startsWith('blocks/'));
  const begins = new Map<string, bigint | null>();
  for (const f of blocks) begins.set(f, await beginNsOf(join(dir, f)));
  const byBegin = (a: string, b: string) => {
    const [x, y] = [begins.get(a) ?? null, begins.get(b) ?? null];
    if (x === null || y === null) return (x === null ? 1 : 0) - (y === null ? 1 : 0);
    return compare(x, y);
  };
  // Array.prototype.sort is stable: equal begins keep path order
  return [...files.filter((f) => !f.startsWith('blocks/')), ...blocks.sort(byBegin)];
}

export async function manifestCommand(args: string[], out: Output): Promise<number> {
  if (args.length !== 1 || args[0].startsWith('-')) {
    out.error('usage: weft manifest <capture-folder>');
    return 2;
  }
  const dir = args[0];
  const files = await blocksByBeginTime(dir, await listCaptureFiles(dir));
  if (files.length === 0) {
    out.error(`weft manifest: no process.cbor, streams/*.cbor or blocks/*/*.cbor in ${dir}`);
    return 1;
  }
  const processId = await processIdOf(dir);
  await writeManifest(dir, processId, files);
  const count = (prefix: string) => files.filter((f) => f.startsWith(prefix)).length;
  await out.write(
    `wrote ${join(dir, 'manifest.json')}: ${count('process')} process, ` +
      `${count('streams/')} streams, ${count('blocks/')} blocks\n`,
  );
  if (processId === null) out.error('weft manifest: warning: no readable process.cbor');
  return 0;
}
