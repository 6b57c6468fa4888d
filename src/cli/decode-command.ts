// `weft decode <path>...`: async events as CSV on stdout, one stderr line per rejected input.
import { Capture } from '../decode/capture';
import { ASYNC_EVENTS_CSV_HEADER, blockCsvLines } from '../decode/csv';
import { listInputPaths, readInput } from './files';

export interface Output {
  /** Resolves when the text may be followed by more (stdout back-pressure). */
  write(text: string): Promise<void> | void;
  /** Binary output (weft export's Perfetto and Parquet formats); stdout has it. */
  writeBytes?(bytes: Uint8Array): Promise<void> | void;
  error(line: string): void;
}

export function loadPaths(paths: string[]): Capture {
  const capture = new Capture();
  for (const path of listInputPaths(paths)) {
    const { bytes } = readInput(path);
    capture.add(bytes, path);
  }
  return capture;
}

export async function decodeCommand(paths: string[], out: Output): Promise<number> {
  if (paths.length === 0) {
    out.error('usage: weft decode <file-or-folder>...');
    return 2;
  }
  const capture = loadPaths(paths);
  await out.write(`${ASYNC_EVENTS_CSV_HEADER}\n`);
  let missingTime = 0;
  for (const block of capture.orderedBlocks()) {
    const converter = capture.converter(block.meta.processId);
    if (!converter) {
      missingTime++;
      continue;
    }
    const lines = blockCsvLines(block, converter);
    if (lines.length > 0) await out.write(`${lines.join('\n')}\n`);
  }
  const rejected = [...capture.rejected, ...capture.timingRejections()];
  for (const r of rejected) out.error(`rejected: ${r.message}`);
  for (const line of capture.waiting()) out.error(`waiting: ${line}`);
  if (missingTime > 0) out.error(`waiting: ${missingTime} blocks have no time converter yet`);
  return rejected.length > 0 || capture.waiting().length > 0 ? 1 : 0;
}
