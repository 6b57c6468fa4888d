// Who builds the Arrow rows of weft_events (key-rows.ts eventRows) and weft_spans (spanRows):
// this thread, or the rows worker (rows-worker.ts). In the browser the worker does: apache-arrow's
// tableToIPC joins a whole insert's stream (2^18 events, ~10 MB) into one new buffer, and on a
// busy machine that copy into fresh memory alone took 70-280 ms of the main thread per insert
// (page faults; 40-80 ms for 2^15 spans, ~2 MB). A process's spans are views of its accumulator:
// the rows of one insert are copied, a slice per step, and the copies transferred.
// Each block goes to the worker as soon as it is merged, its column buffers transferred (the
// merge keeps nothing of a block's events once its spans are added): one message of a whole
// insert's ~1000 blocks, ~6000 buffers, took Chromium ~45 ms to post. The stream comes back
// transferred. (DuckDB-WASM cannot take one stream in successive buffers instead: its JS bindings
// free each buffer after the call, while its Arrow decoder keeps the batches decoded from it
// until the end of the stream; tried on 1.32, the rows came out wrong.) No DOM, no Node APIs.
import { copySteps, runInSlices, type Steps } from '../base/time-slices';
import { eventRows, spanRows, type KeyedEvents } from './key-rows';
import type { IpcRows } from './protocol';
import { SPAN_COLUMN_NAMES, type SpanColumns } from './span-accumulator';

/** Gathers merged blocks' events and builds their weft_events rows, blocks in the order added. */
export interface RowsBuilder {
  /** Takes a block's events; may detach their buffers (the caller keeps none of them). */
  add(block: KeyedEvents): void;
  /** The rows of the blocks added since the last build or clear. */
  build(): Promise<IpcRows>;
  /** Forgets the blocks added since the last build (a reset). */
  clear(): void;
  /** The weft_spans rows [from, to) of a process (spanRows); `spans` are not taken. */
  spans(processKey: number, spans: SpanColumns, from: number, to: number): Promise<IpcRows>;
}

/** Blocks gathered on one thread: the rows worker's, or this one's (`inlineRows`). */
export class RowsCore {
  private blocks: KeyedEvents[] = [];

  handle(request: RowsRequest): RowsReply | undefined {
    if (request.type === 'block') this.blocks.push(request.block);
    if (request.type === 'clear') this.blocks = [];
    if (request.type === 'block' || request.type === 'clear') return undefined;
    const blocks = this.blocks;
    if (request.type === 'build') this.blocks = [];
    try {
      const rows =
        request.type === 'build' ? eventRows(blocks) : spanRows(request.processKey, request.spans);
      return { id: request.id, rows };
    } catch (error) {
      return { id: request.id, error: error instanceof Error ? error.message : String(error) };
    }
  }
}

export type RowsRequest =
  | { type: 'block'; block: KeyedEvents }
  | { type: 'build'; id: number }
  | { type: 'clear' }
  | { type: 'spans'; id: number; processKey: number; spans: SpanColumns };

export type RowsReply = { id: number } & ({ rows: IpcRows } | { error: string });

/** On this thread (Node, tests, and a browser without workers). */
export function inlineRows(): RowsBuilder {
  const core = new RowsCore();
  return {
    add: (block) => void core.handle({ type: 'block', block }),
    build: async () => {
      const reply = core.handle({ type: 'build', id: 0 })!;
      if ('error' in reply) throw new Error(reply.error);
      return reply.rows;
    },
    clear: () => void core.handle({ type: 'clear' }),
    spans: async (processKey, spans, from, to) => spanRows(processKey, spans, from, to),
  };
}

/** Copies of the rows [from, to) of `spans`, a slice of a column per step (copySteps). */
export function* spansPartSteps(spans: SpanColumns, from: number, to: number): Steps<SpanColumns> {
  const part = { length: to - from } as SpanColumns;
  for (const name of SPAN_COLUMN_NAMES) {
    const column = spans[name].subarray(from, to) as SpanColumns[typeof name];
    (part[name] as typeof column) = yield* copySteps(column, to - from);
  }
  return part;
}

function spanBuffers(spans: SpanColumns): ArrayBuffer[] {
  return SPAN_COLUMN_NAMES.map((name) => spans[name].buffer as ArrayBuffer);
}

/** The members of a Worker the builder uses. */
export interface RowsWorkerLike {
  postMessage(message: RowsRequest, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<RowsReply>) => void) | null;
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
export function workerRows(worker: RowsWorkerLike): RowsBuilder & { terminate(): void } {
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
  const request = (message: RowsRequest & { id: number }, transfer: ArrayBuffer[] = []) =>
    new Promise<IpcRows>((resolve, reject) => {
      pending.set(message.id, { resolve, reject });
      worker.postMessage(message, transfer);
    });
  return {
    add: (block) => worker.postMessage({ type: 'block', block }, eventRowsBuffers(block)),
    build: () => request({ type: 'build', id: nextId++ }),
    clear: () => worker.postMessage({ type: 'clear' }, []),
    spans: async (processKey, spans, from, to) => {
      const part = await runInSlices(spansPartSteps(spans, from, to));
      return request({ type: 'spans', id: nextId++, processKey, spans: part }, spanBuffers(part));
    },
    terminate: () => worker.terminate(),
  };
}
