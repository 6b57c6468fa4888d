// Who builds the weft_events rows of merged blocks (key-rows.ts eventRows): this thread, or the
// rows worker (rows-worker.ts). In the browser the worker does it: apache-arrow's tableToIPC
// joins a whole insert's stream (2^18 events, ~10 MB) into one new buffer, and on a busy machine
// that copy into fresh memory alone took 70-280 ms of the main thread per insert (page faults).
// Each block goes to the worker as soon as it is merged, its column buffers transferred (the
// merge keeps nothing of a block's events once its spans are added): one message of a whole
// insert's ~1000 blocks, ~6000 buffers, took Chromium ~45 ms to post. The stream comes back
// transferred. (DuckDB-WASM cannot take one stream in successive buffers instead: its JS bindings
// free each buffer after the call, while its Arrow decoder keeps the batches decoded from it
// until the end of the stream; tried on 1.32, the rows came out wrong.) No DOM, no Node APIs.
import { eventRows, type KeyedEvents } from './key-rows';
import type { IpcRows } from './protocol';

/** Gathers merged blocks' events and builds their weft_events rows, blocks in the order added. */
export interface EventRowsBuilder {
  /** Takes a block's events; may detach their buffers (the caller keeps none of them). */
  add(block: KeyedEvents): void;
  /** The rows of the blocks added since the last build or clear. */
  build(): Promise<IpcRows>;
  /** Forgets the blocks added since the last build (a reset). */
  clear(): void;
}

/** Blocks gathered on one thread: the rows worker's, or this one's (`inlineEventRows`). */
export class EventRowsCore {
  private blocks: KeyedEvents[] = [];

  handle(request: EventRowsRequest): EventRowsReply | undefined {
    if (request.type === 'block') this.blocks.push(request.block);
    if (request.type === 'clear') this.blocks = [];
    if (request.type !== 'build') return undefined;
    const blocks = this.blocks;
    this.blocks = [];
    try {
      return { id: request.id, rows: eventRows(blocks) };
    } catch (error) {
      return { id: request.id, error: error instanceof Error ? error.message : String(error) };
    }
  }
}

export type EventRowsRequest =
  { type: 'block'; block: KeyedEvents } | { type: 'build'; id: number } | { type: 'clear' };

export type EventRowsReply = { id: number } & ({ rows: IpcRows } | { error: string });

/** On this thread (Node, tests, and a browser without workers). */
export function inlineEventRows(): EventRowsBuilder {
  const core = new EventRowsCore();
  return {
    add: (block) => void core.handle({ type: 'block', block }),
    build: async () => {
      const reply = core.handle({ type: 'build', id: 0 })!;
      if ('error' in reply) throw new Error(reply.error);
      return reply.rows;
    },
    clear: () => void core.handle({ type: 'clear' }),
  };
}

/** The members of a Worker the builder uses. */
export interface RowsWorkerLike {
  postMessage(message: EventRowsRequest, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<EventRowsReply>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

/** The buffers of the columns eventRows reads (each once: a transfer list has no repeats). */
export function eventRowsBuffers({ events, scopeKey }: KeyedEvents): ArrayBuffer[] {
  const { eventType, spanId, parentSpanId, depth, ticks } = events;
  const arrays = [eventType, spanId, parentSpanId, depth, ticks, scopeKey];
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}

/** A builder over a rows worker (rows-worker.ts); builds are answered in order. */
export function workerEventRows(worker: RowsWorkerLike): EventRowsBuilder & { terminate(): void } {
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
  return {
    add: (block) => worker.postMessage({ type: 'block', block }, eventRowsBuffers(block)),
    build: () =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        worker.postMessage({ type: 'build', id }, []);
      }),
    clear: () => worker.postMessage({ type: 'clear' }, []),
    terminate: () => worker.terminate(),
  };
}
