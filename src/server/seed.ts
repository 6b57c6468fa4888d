// Seeds an empty store with a real capture (by default fixtures/micromegas/mixed) so a new user
// sees a trace at once. The files go through the same checks as ingested bodies. Node only.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { listCaptureFiles } from './capture-files';
import type { CaptureStore } from './capture-store';
import type { CaptureFileKind } from './ids';

const kindOf = (path: string): CaptureFileKind =>
  path.startsWith('streams/') ? 'stream' : path.startsWith('blocks/') ? 'block' : 'process';

/** Natural order: the process, then each stream just before its first block. */
export function naturalOrder(paths: string[]): string[] {
  const streams = new Set(paths.filter((p) => kindOf(p) === 'stream'));
  const out = paths.filter((p) => kindOf(p) === 'process');
  for (const block of paths.filter((p) => kindOf(p) === 'block')) {
    const stream = `streams/${block.split('/')[1]}.cbor`;
    if (streams.delete(stream)) out.push(stream);
    out.push(block);
  }
  return [...out, ...streams];
}

/** Copies the capture in `sampleDir` into an empty store; returns the number of files stored. */
export async function seedSample(
  store: CaptureStore,
  sampleDir: string,
  log: (line: string) => void,
): Promise<number> {
  if (store.list().length > 0) return 0;
  const files = naturalOrder(await listCaptureFiles(sampleDir));
  if (files.length === 0) {
    log(`weft: no sample capture in ${sampleDir}; starting empty`);
    return 0;
  }
  let stored = 0;
  for (const path of files) {
    const result = await store.ingest(kindOf(path), await readFile(join(sampleDir, path)));
    if (result.status === 'stored') stored++;
    else if (result.status === 'rejected') log(`weft: sample file ${path}: ${result.reason}`);
  }
  return stored;
}
