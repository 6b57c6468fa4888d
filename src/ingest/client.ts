// The main-thread ingest client: a pool of decode Web Workers (navigator.hardwareConcurrency, at
// least 1) behind the scheduler, fed with dropped files, a folder's files, URLs or bytes, merging
// into a sink. No React, no DuckDB.
//
// API (the store's backend wires it to the database):
//   const db = await openBrowserDb();                      // src/db/browser-db.ts
//   const client = createIngestClient({ sink: createDbSink(db), onEvent });
//   const summary = await client.load(inputs, { signal, onEvent });  // appends; resolves when
//       // everything is merged and queryable: { progress, rejected, waiting, cancelled }
//   client.processSpans(processId);   // the span rows merged so far, for the span table
//   client.processes();   // merged processes with span counts (before the database has them)
//   client.cancel();       // every load: stop what is not merged yet; merged rows stay
//   client.reset(); await resetSchema(db);   // forget everything (both, together)
//   client.warmUp(files);  // before any load: each worker decodes these, answering nothing
//   client.dispose();
// Events (IngestEvent, src/ingest/protocol.ts), in merge order: progress {filesDone, filesTotal,
// bytesDone, bytesTotal, blocksDone, blocksSeen, currentFile}, rejected (file/block, offset,
// reason), error (a bug or a database failure), merged (ingest's columns are complete; the
// database is still storing them), complete.
// Keep one client per database: it remembers what is loaded (block ids, streams, blocks waiting
// for their stream) so later drops and live blocks append without duplicates.
import { inlineRows, workerRows, type RowsWorkerLike } from './rows-builder';
import { metadataFirst, type IngestSink, type IngestSource, type WorkerPort } from './ports';
import {
  transferablesOf,
  type FromWorker,
  type IngestEvent,
  type InputBytes,
  type LoadSummary,
  type ToWorker,
} from './protocol';
import type { MergedProcess, ProcessSpans } from './process-spans';
import { Scheduler } from './scheduler';

/** A file (a dropped or picked File), a URL, or bytes already read. */
export type IngestInput =
  | { kind: 'file'; file: Blob; path: string }
  | { kind: 'url'; url: string; path: string }
  | { kind: 'bytes'; bytes: Uint8Array; path: string };

/** The members of a Worker the client uses. */
export interface WorkerLike {
  postMessage(message: ToWorker, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

export interface IngestClientOptions {
  sink: IngestSink;
  onEvent?: (event: IngestEvent) => void;
  /** Decode workers; default navigator.hardwareConcurrency (at least 1). */
  workers?: number;
  createWorker?: () => WorkerLike;
  /** The worker building the events' Arrow rows; default rows-worker.ts (none without Worker). */
  createRowsWorker?: () => RowsWorkerLike;
  fetch?: (url: string) => Promise<Response>;
}

export interface LoadOptions {
  signal?: AbortSignal;
  /** Events until this load resolves (besides the client's onEvent). */
  onEvent?: (event: IngestEvent) => void;
}

export interface IngestClient {
  load(inputs: IngestInput[], options?: LoadOptions): Promise<LoadSummary>;
  /** What the span table of a process is built from (views: use before the next load). */
  processSpans(processId: string): ProcessSpans;
  /** From the `merged` event: the sink's rows of that step wait for `until` (Scheduler.holdRows). */
  holdRows(until: Promise<unknown>): void;
  /** Merged processes, oldest first, with their span counts (no database round trip). */
  processes(): MergedProcess[];
  cancel(): void;
  reset(): void;
  /**
   * Has every worker decode `files` WARM_UP_PASSES times on a core of its own (nothing merged,
   * nothing answered), so V8 has optimized the decoder by the first load: a cold worker decodes
   * a load 2–3× slower than a warm one. For when the page waits for input; a load posted
   * meanwhile waits for it.
   */
  warmUp(files: InputBytes[]): void;
  dispose(): void;
}

/** Passes of a warm-up: the bundled sample (914 events) a few times gets the hot loops optimized. */
const WARM_UP_PASSES = 3;

function defaultWorker(): WorkerLike {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
}

function defaultRowsWorker(): RowsWorkerLike | undefined {
  if (typeof Worker === 'undefined') return undefined;
  return new Worker(new URL('./rows-worker.ts', import.meta.url), { type: 'module' });
}

/** A Web Worker as a scheduler port; if the worker dies, its unanswered tasks fail as crashes. */
export function webWorkerPort(worker: WorkerLike): WorkerPort {
  const pending = new Set<number>();
  let handler: (reply: FromWorker) => void = () => {};
  worker.onmessage = (event) => {
    pending.delete(event.data.taskId);
    handler(event.data);
  };
  worker.onerror = (event) => {
    const message = `decode worker failed: ${event.message}`;
    for (const taskId of [...pending]) handler({ type: 'crash', taskId, message });
    pending.clear();
  };
  return {
    post(message) {
      if (message.type === 'task') pending.add(message.taskId);
      worker.postMessage(message, transferablesOf(message));
    },
    onReply: (h) => (handler = h),
    terminate: () => worker.terminate(),
  };
}

export function toSource(input: IngestInput, fetchFn: IngestClientOptions['fetch']): IngestSource {
  const { path } = input;
  if (input.kind === 'bytes')
    return { path, size: input.bytes.byteLength, read: async () => input.bytes };
  if (input.kind === 'file') {
    return {
      path,
      size: input.file.size,
      read: async () => new Uint8Array(await input.file.arrayBuffer()),
    };
  }
  return {
    path,
    read: async () => {
      const response = await (fetchFn ?? fetch)(input.url);
      if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
      return new Uint8Array(await response.arrayBuffer());
    },
  };
}

export function createIngestClient(options: IngestClientOptions): IngestClient {
  const count = Math.max(1, options.workers ?? globalThis.navigator?.hardwareConcurrency ?? 1);
  const create = options.createWorker ?? defaultWorker;
  const ports = Array.from({ length: count }, () => webWorkerPort(create()));
  const listeners = new Set<(event: IngestEvent) => void>();
  const rowsWorker = (options.createRowsWorker ?? defaultRowsWorker)();
  const eventRows = rowsWorker ? workerRows(rowsWorker) : inlineRows();
  const emit = (event: IngestEvent) => {
    options.onEvent?.(event);
    for (const listener of listeners) listener(event);
  };
  const scheduler = new Scheduler(ports, options.sink, emit, eventRows);
  return {
    async load(inputs, { signal, onEvent } = {}) {
      if (onEvent) listeners.add(onEvent);
      const abort = () => scheduler.cancel();
      signal?.addEventListener('abort', abort);
      try {
        const done = scheduler.add(metadataFirst(inputs.map((i) => toSource(i, options.fetch))));
        if (signal?.aborted) scheduler.cancel();
        return await done;
      } finally {
        signal?.removeEventListener('abort', abort);
        if (onEvent) listeners.delete(onEvent);
      }
    },
    processSpans: (processId) => scheduler.processSpans(processId),
    holdRows: (until) => scheduler.holdRows(until),
    processes: () => scheduler.processes(),
    cancel: () => scheduler.cancel(),
    reset: () => scheduler.reset(),
    warmUp: (files) => {
      for (const port of ports) port.post({ type: 'warm-up', files, passes: WARM_UP_PASSES });
    },
    dispose: () => {
      scheduler.terminate();
      rowsWorker?.terminate();
    },
  };
}
