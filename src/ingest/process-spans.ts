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

/** A merged process and what it holds so far (as `queries/stats.ts` listProcesses counts). */
export interface MergedProcess {
  processId: string;
  exe: string;
  spans: number;
  /** Its streams tagged `cpu`. */
  threads: number;
  /** Its async begin + end events. */
  events: number;
}

/** Merged processes, oldest first, then by id (as `queries/stats.ts` lists them). */
export function mergedProcesses(merge: MergeState, rows: MergedRows): MergedProcess[] {
  const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...merge.processes.values()]
    .sort((a, b) =>
      a.startTimeNs !== b.startTimeNs
        ? a.startTimeNs < b.startTimeNs
          ? -1
          : 1
        : byId(a.processId, b.processId),
    )
    .map((p) => ({
      processId: p.processId,
      exe: p.exe ?? '',
      spans: rows.spanCount(p.processId),
      threads: [...merge.streams.values()].filter(
        (s) => s.processId === p.processId && carriesSpans(s),
      ).length,
      events: rows.eventsOf(p.processId),
    }));
}
