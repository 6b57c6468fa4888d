// The scheduler's view of a decode worker (a port that takes ToWorker messages and answers with
// FromWorker ones, first in first out), and what the scheduler feeds and fills: input sources and
// the sink the merged rows go to (src/db/sink.ts implements it over DuckDB). Also an in-process
// port for the CLI and tests. No DOM, no Node APIs, no DuckDB.
import type { FromWorker, IngestTable, ToWorker } from './protocol';
import { WorkerCore } from './worker-core';

export interface WorkerPort {
  /** Sends one message; a port with real workers transfers `transferablesOf(message)`. */
  post(message: ToWorker): void;
  /** Replies arrive in the order their tasks were posted. */
  onReply(handler: (reply: FromWorker) => void): void;
  terminate(): void;
}

/** One input: a file, a URL, or bytes already in memory. */
export interface IngestSource {
  /** Path shown in progress and errors (relative to the dropped folder, or the URL). */
  path: string;
  /** Size in bytes when known before reading. */
  size?: number;
  read(): Promise<Uint8Array>;
}

/**
 * Where merged rows go, in merge order; every method is awaited before the next call, except
 * that one weft_events insert may still be under way while other tables' rows are inserted
 * (merged-rows.ts insertEvents; never across `replaceSpans` or `finish`). A sink may resolve
 * `insert` before the rows are stored (they must be once `finish` resolves).
 */
export interface IngestSink {
  /** Appends rows (an Arrow IPC stream) to a table. */
  insert(table: IngestTable, ipc: Uint8Array): Promise<void>;
  /** Replaces every weft_spans row of process `processKey` with these rows. */
  replaceSpans(processKey: number, ipc: Uint8Array): Promise<void>;
  /** The process's converter changed (latest-timing rule): its times follow it. */
  setTimeConverter(processId: string, frequency: number): Promise<void>;
  /** A load step is over: everything given so far is stored and queryable on return. */
  finish(): Promise<void>;
}

/**
 * A worker core on this thread. `delayMs` (tests) postpones each reply so that ports finish out
 * of order, while each port stays first in first out.
 */
export function inlinePort(delayMs: () => number = () => 0): WorkerPort {
  const core = new WorkerCore();
  let handler: (reply: FromWorker) => void = () => {};
  let tail = Promise.resolve();
  let closed = false;
  return {
    post(message) {
      tail = tail.then(async () => {
        const ms = delayMs();
        if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
        if (closed) return;
        const reply = core.handle(message);
        if (reply) handler(reply);
      });
    },
    onReply(h) {
      handler = h;
    },
    terminate() {
      closed = true;
    },
  };
}

/** A source over bytes already in memory. */
export function bytesSource(path: string, bytes: Uint8Array): IngestSource {
  return { path, size: bytes.byteLength, read: async () => bytes };
}

/** Likely process and stream files first (a hint only: any order gives the same tables). */
export function metadataFirst<T extends { path: string }>(sources: T[]): T[] {
  const rank = (path: string) =>
    /(^|\/)process\.cbor$/.test(path) ? 0 : /(^|\/)streams\//.test(path) ? 1 : 2;
  return sources
    .map((source, index) => ({ source, index, rank: rank(source.path) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((entry) => entry.source);
}
