// `weft manifest <capture-folder>`: writes <folder>/manifest.json listing the folder's capture
// files (process.cbor, streams/*.cbor, blocks/*/*.cbor), so the folder can be opened from any
// static web server with the viewer's ?process=<url>.
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

export async function manifestCommand(args: string[], out: Output): Promise<number> {
  if (args.length !== 1 || args[0].startsWith('-')) {
    out.error('usage: weft manifest <capture-folder>');
    return 2;
  }
  const dir = args[0];
  const files = await listCaptureFiles(dir);
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
