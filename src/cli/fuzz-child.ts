// The child process of `weft fuzz`: decodes each input it is sent as `weft decode` would (Capture:
// envelopes, blocks, the time converter, CSV rows, timing checks) and answers with the outcome and
// the peak memory the input cost. The parent enforces the time limit by killing this process.
// Node only.
import { readFileSync, writeFileSync } from 'node:fs';
import { Capture } from '../decode/capture';
import { blockCsvLines } from '../decode/csv';
import type { RejectedInput } from '../decode/errors';
import type { FuzzFile } from './fuzz-mutate';

export interface FuzzAnswer {
  /** 'decoded', 'DecodeError <kind>: <reason class>' or 'failure <what>'. */
  outcome: string;
  /** Peak resident memory above the level before the input, in bytes (-1 when unknown). */
  peakGrowthBytes: number;
}

/** VmRSS / VmHWM of this process in bytes; VmHWM is reset by writing 5 to clear_refs. */
function procStatus(field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(
    readFileSync('/proc/self/status', 'utf8'),
  );
  return match ? Number(match[1]) * 1024 : -1;
}

function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/** The reason without numbers, ids and quoted names: the class of an error. */
function reasonClass(r: RejectedInput): string {
  const text = r.reason
    .replace(/'[^']*'/g, "'…'")
    .replace(/\b0x[0-9A-Fa-f]+\b|-?\b\d+(\.\d+)?(e[+-]?\d+)?\b/g, 'N')
    .replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, 'ID');
  return text.length > 90 ? `${text.slice(0, 90)}…` : text;
}

function decodeInput(files: FuzzFile[]): string {
  const capture = new Capture();
  for (const f of files) capture.add(f.bytes, f.name);
  let rows = 0;
  for (const block of capture.orderedBlocks()) {
    const converter = capture.converter(block.meta.processId);
    if (converter) rows += blockCsvLines(block, converter).length;
  }
  const rejected = [...capture.rejected, ...capture.timingRejections()];
  const unexpected = rejected.find((r) => r.reason.includes('could not be decoded ('));
  if (unexpected) return `failure unexpected exception: ${unexpected.reason}`;
  if (rejected.length === 0) return rows >= 0 ? 'decoded' : 'failure';
  return `DecodeError ${rejected[0].kind}: ${reasonClass(rejected[0])}`;
}

function answer(files: FuzzFile[]): FuzzAnswer {
  const exact = resetPeak();
  const before = exact ? procStatus('VmRSS') : process.memoryUsage().rss;
  let outcome: string;
  try {
    outcome = decodeInput(files);
  } catch (error) {
    outcome = `failure exception: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
  }
  const after = exact ? procStatus('VmHWM') : process.memoryUsage().rss;
  return { outcome, peakGrowthBytes: before < 0 || after < 0 ? -1 : after - before };
}

process.on('message', (files: FuzzFile[]) => {
  process.send!(answer(files));
});
process.send!({ ready: true });
