// Who builds the weft_events rows of merged blocks (key-rows.ts eventRows): this thread, or the
// rows worker (rows-worker.ts). In the browser the worker does it: apache-arrow's tableToIPC
// joins a whole insert's stream (2^18 events, ~10 MB) into one new buffer, and on a busy machine
// that copy into fresh memory alone took 70-150 ms of the main thread per insert (page faults).
// The blocks' column buffers are transferred to the worker (the caller drops them: merged-rows.ts
// keeps nothing of a block's events once they are given), and the stream comes back transferred.
// (DuckDB-WASM cannot take one stream in successive buffers instead: its JS bindings free each
// buffer after the call, while its Arrow decoder keeps the batches it decoded from it until the
// end of the stream; tried on 1.32, the rows came out wrong.) No DOM, no Node APIs, no DuckDB.
import { eventRows, type KeyedEvents } from './key-rows';
import type { IpcRows } from './protocol';

/** Builds the weft_events rows of blocks; may take (detach) the buffers of their columns. */
export type EventRowsBuilder = (blocks: KeyedEvents[]) => Promise<IpcRows>;

/** On this thread (Node, tests, and a browser without workers). */
export const inlineEventRows: EventRowsBuilder = async (blocks) => eventRows(blocks);

export interface EventRowsRequest {
  id: number;
  blocks: KeyedEvents[];
}

export type EventRowsReply = { id: number } & ({ rows: IpcRows } | { error: string });

/** The members of a Worker the builder uses. */
export interface RowsWorkerLike {
  postMessage(message: EventRowsRequest, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<EventRowsReply>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

/** The buffers of the columns eventRows reads (each once: a transfer list has no repeats). */
export function eventRowsBuffers(blocks: KeyedEvents[]): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const { events, scopeKey } of blocks) {
    const { eventType, spanId, parentSpanId, depth, ticks } = events;
    for (const a of [eventType, spanId, parentSpanId, depth, ticks, scopeKey])
      out.add(a.buffer as ArrayBuffer);
  }
  return [...out];
}

/** The worker's side: the rows of a request, or what went wrong (a bug, never data). */
export function answerEventRows({ id, blocks }: EventRowsRequest): EventRowsReply {
  try {
    return { id, rows: eventRows(blocks) };
  } catch (error) {
    return { id, error: error instanceof Error ? error.message : String(error) };
  }
}

/** A builder over a rows worker; requests are answered in the order they were posted. */
export function workerEventRows(worker: RowsWorkerLike): {
  build: EventRowsBuilder;
  terminate(): void;
} {
  const pending = new Map<number, { resolve(rows: IpcRows): void; reject(e: Error): void }>();
  let nextId = 1;
  worker.onmessage = ({ data }) => {
    const request = pending.get(data.id);
    pending.delete(data.id);
    if ('rows' in data) request?.resolve(data.rows);
    else request?.reject(new Error(`rows worker: ${data.error}`));
  };
  worker.onerror = (event) => {
    for (const request of pending.values())
      request.reject(new Error(`rows worker failed: ${event.message}`));
    pending.clear();
  };
  const build: EventRowsBuilder = (blocks) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, blocks }, eventRowsBuffers(blocks));
    });
  return { build, terminate: () => worker.terminate() };
}
