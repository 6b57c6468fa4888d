// Node: how long the decoder alone takes over capture files on this thread (classify, decode,
// build columns; no database, no rendering): the yardstick `weft bench load` and `weft bench ui`
// compare a whole load against, measured in the same run.
import { performance } from 'node:perf_hooks';
import { metadataFirst } from '../ingest/ports';
import { decodeAll } from '../ingest/worker-core';

export interface DecodeAlone {
  ms: number;
  /** Async events decoded (a check that every block met its stream first). */
  events: number;
}

/** One pass of the decode worker's own code over `sources` (metadata first) on this thread. */
export function decodeAlone(sources: { path: string; bytes: Uint8Array }[]): DecodeAlone {
  const ordered = metadataFirst(sources);
  const start = performance.now();
  const events = decodeAll(ordered);
  return { ms: performance.now() - start, events };
}

export function decodeOnlyMs(sources: { path: string; bytes: Uint8Array }[]): number {
  return decodeAlone(sources).ms;
}
