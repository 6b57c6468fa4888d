// The events' Arrow rows built by the rows worker (rows-builder.ts) are the rows built on this
// thread, byte for byte: a whole load gives the sink the same IPC streams either way. The
// blocks' column buffers go to the worker (transferred, not copied), and a worker that fails
// fails the builds waiting for it (never a silent loss of rows).
import { describe, expect, test } from 'vitest';
import { fixtureFiles } from '../db/testing';
import {
  RowsCore,
  eventRowsBuffers,
  workerRows,
  type RowsBuilder,
  type RowsWorkerLike,
} from './rows-builder';
import { eventRows, spanRows, type KeyedEvents } from './key-rows';
import { SpanAccumulator } from './span-accumulator';
import { bytesSource, inlinePort, type IngestSink } from './ports';
import { Scheduler } from './scheduler';

/** A worker on this thread: messages cross as structured clones, their transfer lists moved. */
function threadlessWorker(): RowsWorkerLike & { fail(message: string): void } {
  const core = new RowsCore();
  const worker: RowsWorkerLike & { fail(message: string): void } = {
    onmessage: null,
    onerror: null,
    postMessage(message, transfer) {
      const data = structuredClone(message, { transfer: transfer as ArrayBuffer[] });
      setTimeout(() => {
        const reply = core.handle(data);
        if (!reply) return;
        const moved = 'rows' in reply ? [reply.rows.ipc.buffer as ArrayBuffer] : [];
        worker.onmessage?.({ data: structuredClone(reply, { transfer: moved }) } as MessageEvent);
      }, 0);
    },
    fail: (message) => worker.onerror?.({ message } as ErrorEvent),
    terminate() {},
  };
  return worker;
}

/** Every sink call of a load, with its IPC bytes. */
async function sinkCalls(name: string, buildEvents?: RowsBuilder) {
  const calls: [string, Uint8Array][] = [];
  const sink: IngestSink = {
    insert: async (table, ipc) => void calls.push([table, ipc.slice()]),
    replaceSpans: async (key, ipc) => void calls.push([`replace ${key}`, ipc.slice()]),
    setTimeConverter: async (id, frequency) =>
      void calls.push([`${id} ${frequency}`, Uint8Array.of()]),
    finish: async () => {},
  };
  const scheduler = new Scheduler([inlinePort()], sink, () => {}, buildEvents);
  await scheduler.add(fixtureFiles(name).map(([path, bytes]) => bytesSource(path, bytes)));
  return calls;
}

function keyedEvents(n: number, blockKey: number): KeyedEvents {
  const ids = BigInt64Array.from({ length: n }, (_, i) => BigInt(i + 1) << 40n);
  const events = {
    length: n,
    ticks: BigInt64Array.from(ids, (_, i) => BigInt(1000 + 3 * i)),
    eventType: Uint8Array.from(ids, (_, i) => 1 + (i % 2)),
    spanId: ids,
    parentSpanId: BigInt64Array.from(ids, (id) => id >> 1n),
    depth: Uint32Array.from(ids, (_, i) => i % 7),
    scope: new Uint32Array(n),
  };
  return { blockKey, events, scopeKey: Int32Array.from(ids, (_, i) => i % 4) };
}

describe('event rows built by the rows worker', () => {
  test.each(['medium', 'mixed', 'unclosed'])(
    'a load of %s gives the sink the same bytes',
    async (name) => {
      const here = await sinkCalls(name);
      const there = await sinkCalls(name, workerRows(threadlessWorker()));
      expect(here.some(([table]) => table === 'weft_events')).toBe(true);
      expect(there.map(([table]) => table)).toEqual(here.map(([table]) => table));
      there.forEach(([, ipc], i) =>
        expect(Buffer.from(ipc).equals(Buffer.from(here[i][1]))).toBe(true),
      );
    },
  );

  test('takes the blocks’ buffers (moved, not copied); each build has the blocks since the last', async () => {
    const blocks = [keyedEvents(1000, 0), keyedEvents(300, 1)];
    const expected = eventRows([keyedEvents(1000, 0), keyedEvents(300, 1)]);
    const buffers = blocks.flatMap(eventRowsBuffers);
    expect(new Set(buffers).size).toBe(12); // six columns of two blocks, each its own buffer
    const builder = workerRows(threadlessWorker());
    blocks.forEach((block) => builder.add(block));
    expect(buffers.every((b) => b.byteLength === 0)).toBe(true); // detached here
    const rows = builder.build();
    builder.add(keyedEvents(5, 2));
    const again = builder.build();
    builder.add(keyedEvents(7, 3));
    builder.clear(); // a reset: never built
    builder.add(keyedEvents(2, 4));
    const [first, second, third] = await Promise.all([rows, again, builder.build()]);
    expect(first.rows).toBe(1300);
    expect(Buffer.from(first.ipc).equals(Buffer.from(expected.ipc))).toBe(true);
    expect([second.rows, third.rows]).toEqual([5, 2]);
  });

  test('span rows from copies of a slice of the accumulator: the bytes of its views, kept', async () => {
    const spans = new SpanAccumulator();
    const block = keyedEvents(3000, 0);
    spans.add(block.events, block.scopeKey, 0);
    const view = spans.view();
    const builder = workerRows(threadlessWorker());
    for (const [from, to] of [
      [0, 1024],
      [1024, 3000],
      [0, 3000],
      [5, 5],
    ]) {
      const rows = await builder.spans(9, view, from, to);
      expect(rows.rows).toBe(to - from);
      expect(Buffer.from(rows.ipc).equals(Buffer.from(spanRows(9, view, from, to).ipc))).toBe(true);
    }
    expect(spans.view()).toEqual(view); // nothing of the accumulator's went to the worker
    expect(view.spanId.byteLength).toBe(3000 * 8);
  });

  test('a failing worker fails the builds waiting for it', async () => {
    const worker = threadlessWorker();
    worker.postMessage = () => {}; // never answers
    const builder = workerRows(worker);
    builder.add(keyedEvents(10, 0));
    const waiting = builder.build();
    worker.fail('out of memory');
    await expect(waiting).rejects.toThrow('rows worker failed: out of memory');
  });
});
