// What the viewer's span table of one process is built from, straight from what the scheduler
// has merged (no database round trip): the span rows, the process's start and converter, its
// thread streams, and the names of block and scope keys. src/queries/span-table-columns.ts builds
// the table; it equals the one read from the database. No DOM, no Node APIs, no DuckDB.
import { carriesSpans } from '../decode/block';
import type { ProcessInfo, StreamInfo } from '../decode/envelope';
import type { TimeConverter } from '../decode/time-converter';
import type { MergeState } from './merge';
import type { MergedRows, MergedSpans } from './merged-rows';

export interface ProcessSpans extends MergedSpans {
  /** Undefined while the process file is missing. */
  process: ProcessInfo | undefined;
  converter: TimeConverter | undefined;
  /** The process's streams that carry spans (`cpu`), in merge order. */
  threads: StreamInfo[];
}

export function processSpans(merge: MergeState, rows: MergedRows, processId: string) {
  const threads = [...merge.streams.values()].filter(
    (s) => s.processId === processId && carriesSpans(s),
  );
  const process = merge.processes.get(processId);
  const converter = merge.converter(processId);
  return { ...rows.spansOf(processId), process, converter, threads } satisfies ProcessSpans;
}
