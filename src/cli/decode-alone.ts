// Node: how long the decoder alone takes over capture files on this thread (classify, decode,
// build columns; no database, no rendering): the yardstick `weft bench load` and `weft bench ui`
// compare a whole load against, measured in the same run.
import { performance } from 'node:perf_hooks';
import { metadataFirst } from '../ingest/ports';
import { WorkerCore } from '../ingest/worker-core';

export interface DecodeAlone {
  ms: number;
  /** Async events decoded (a check that every block met its stream first). */
  events: number;
}

/** One pass of the decode worker's own code over `sources` (metadata first) on this thread. */
export function decodeAlone(sources: { path: string; bytes: Uint8Array }[]): DecodeAlone {
  const ordered = metadataFirst(sources);
  const core = new WorkerCore();
  let events = 0;
  const start = performance.now();
  for (const [i, { path, bytes }] of ordered.entries()) {
    const reply = core.handle({ type: 'task', taskId: i, fileName: path, bytes });
    if (reply?.type !== 'result') continue;
    const { outcome } = reply;
    if (outcome.kind === 'stream') core.handle({ type: 'stream', stream: outcome.stream });
    if (outcome.kind === 'block') events += outcome.events?.columns.length ?? 0;
  }
  return { ms: performance.now() - start, events };
}

export function decodeOnlyMs(sources: { path: string; bytes: Uint8Array }[]): number {
  return decodeAlone(sources).ms;
}
