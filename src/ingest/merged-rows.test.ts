// A process's span rows go to the sink in batches (DuckDB-WASM keeps its heap at its largest
// batch): the first batch replaces the process's rows, the others append, and together they are
// every row once, in order, equal to the rows of one batch. Events go to the sink once built (in
// a worker: rows-builder.ts) while the merge goes on, one build at a time, every row once.
import { tableFromIPC, type Table } from 'apache-arrow';
import { describe, expect, test } from 'vitest';
import type { BlockMeta } from '../decode/block';
import { BEGIN, END } from '../decode/event-columns';
import { inlineRows, type RowsBuilder } from './rows-builder';
import { eventRows, spanRows, type KeyedEvents } from './key-rows';
import { MergedRows, replacePackedSpans, replaceSpans } from './merged-rows';
import { CHUNK_ROWS, packSpans } from './packed-spans';
import { hostileSpans } from './testing';
import type { IpcRows } from './protocol';
import type { IngestSink } from './ports';
import { SpanAccumulator } from './span-accumulator';

/** A process of `n` spans: span i begins at tick 10·i and ends (in a later block) at 10·i + 7. */
function accumulated(n: number): SpanAccumulator {
  const spans = new SpanAccumulator();
  for (const [blockKey, type] of [BEGIN, END].entries()) {
    const ids = BigInt64Array.from({ length: n }, (_, i) => BigInt(i + 1) << 33n);
    spans.add(
      {
        length: n,
        ticks: BigInt64Array.from(ids, (_, i) => BigInt(10 * i + (type === END ? 7 : 0))),
        eventType: new Uint8Array(n).fill(type),
        spanId: ids,
        parentSpanId: BigInt64Array.from(ids, (id, i) => (i === 0 ? 0n : ids[i - 1])),
        depth: Uint32Array.from(ids, (_, i) => i % 5),
        scope: new Uint32Array(n),
      },
      Int32Array.from(ids, (_, i) => i % 3),
      blockKey,
    );
  }
  return spans;
}

function recordingSink() {
  const calls: { kind: 'replace' | 'insert'; table: string; rows: Table }[] = [];
  const sink: IngestSink = {
    insert: async (table, ipc) =>
      void calls.push({ kind: 'insert', table, rows: tableFromIPC(ipc) }),
    replaceSpans: async (_key, ipc) =>
      void calls.push({ kind: 'replace', table: 'weft_spans', rows: tableFromIPC(ipc) }),
    setTimeConverter: async () => {},
    finish: async () => {},
  };
  return { sink, calls };
}

const asRows = (tables: Table[]) => tables.flatMap((t) => t.toArray().map((r) => r.toJSON()));

describe('replaceSpans', () => {
  test.each([
    [10, 3],
    [9, 3],
    [2, 5],
    [0, 4],
  ])('%i spans, %i per batch: one replace, then appends, every row once', async (n, per) => {
    const spans = accumulated(n).view();
    const { sink, calls } = recordingSink();
    await replaceSpans(sink, 7, spans, inlineRows(), per);
    expect(calls.map((c) => c.kind)).toEqual(
      Array.from({ length: Math.max(1, Math.ceil(n / per)) }, (_, i) => (i ? 'insert' : 'replace')),
    );
    expect(calls.every((c) => c.table === 'weft_spans' && c.rows.numRows <= per)).toBe(true);
    const whole = tableFromIPC(spanRows(7, spans).ipc);
    expect(whole.numRows).toBe(n);
    expect(asRows(calls.map((c) => c.rows))).toEqual(asRows([whole]));
  });
});

describe('replacePackedSpans', () => {
  test.each([
    [0, 1],
    [5000, 2],
    [3 * CHUNK_ROWS, 1],
  ])(
    '%i hostile spans, %i chunks per batch: the batches and bytes replaceSpans gives',
    async (n, chunks) => {
      const spans = hostileSpans(n, 5);
      const [unpacked, packed] = [recordingSink(), recordingSink()];
      const per = chunks * CHUNK_ROWS;
      await replaceSpans(unpacked.sink, 3, spans, inlineRows(), per);
      await replacePackedSpans(packed.sink, 3, packSpans(spans), inlineRows(), per);
      expect(packed.calls.map((c) => c.kind)).toEqual(unpacked.calls.map((c) => c.kind));
      expect(asRows(packed.calls.map((c) => c.rows))).toEqual(
        asRows(unpacked.calls.map((c) => c.rows)),
      );
    },
  );
});

/** A block of `n` begins of new spans (ids from `first`), of process p. */
function block(n: number, first: number) {
  const spanId = BigInt64Array.from({ length: n }, (_, i) => BigInt(first + i));
  const meta = { blockId: `b${first}`, streamId: 's', processId: 'p' } as BlockMeta;
  const columns = {
    length: n,
    ticks: spanId.map((id) => 10n * id),
    eventType: new Uint8Array(n).fill(BEGIN),
    spanId,
    parentSpanId: new BigInt64Array(n),
    depth: new Uint32Array(n),
    scope: new Uint32Array(n),
  };
  return { meta, status: 'decoded' as const, events: { columns, scopes: [] } };
}

/** A builder whose builds end when the test says; each build's blocks are kept. */
function heldBuilder() {
  const builds: { blocks: KeyedEvents[]; end(fail?: string): void }[] = [];
  let blocks: KeyedEvents[] = [];
  const build: RowsBuilder = {
    add: (block) => void blocks.push(block),
    build: () =>
      new Promise<IpcRows>((resolve, reject) => {
        const taken = blocks;
        blocks = [];
        const end = (fail?: string) => (fail ? reject(new Error(fail)) : resolve(eventRows(taken)));
        builds.push({ blocks: taken, end });
      }),
    clear: () => void (blocks = []),
    spans: async (key, spans, from, to) => spanRows(key, spans, from, to),
  };
  return { build, builds };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('events given to the sink once built', () => {
  test('the merge goes on during a build; the next insert waits for it; every row once', async () => {
    const { build, builds } = heldBuilder();
    const rows = new MergedRows(build);
    const { sink, calls } = recordingSink();
    await rows.add(block(3, 0));
    await rows.insertEvents(sink); // returns with the build under way
    await rows.add(block(2, 100));
    expect(builds).toHaveLength(1);
    const next = rows.insertEvents(sink);
    await settled();
    expect(builds).toHaveLength(1); // not before the first is given to the sink
    expect(calls).toEqual([]);
    builds[0].end();
    await next;
    expect(builds).toHaveLength(2);
    expect(builds.map((b) => b.blocks.map((k) => k.events.length))).toEqual([[3], [2]]);
    builds[1].end();
    await rows.insertEvents(sink); // nothing waits: settles the one under way
    const ids = asRows(calls.map((c) => c.rows)).map((r) => r.span_id);
    expect(ids).toEqual([0n, 1n, 2n, 100n, 101n]);
    expect(calls.every((c) => c.table === 'weft_events')).toBe(true);
  });

  test('a failed build is thrown once, by the next insert', async () => {
    const { build, builds } = heldBuilder();
    const rows = new MergedRows(build);
    const { sink, calls } = recordingSink();
    await rows.add(block(3, 0));
    await rows.insertEvents(sink);
    builds[0].end('worker gone');
    await expect(rows.insertEvents(sink)).rejects.toThrow('worker gone');
    await rows.add(block(1, 7));
    await rows.insertEvents(sink);
    builds[1].end();
    await rows.insertEvents(sink);
    expect(asRows(calls.map((c) => c.rows)).map((r) => r.span_id)).toEqual([7n]);
  });

  test('rows abandoned (a reset) give the sink nothing of a build under way', async () => {
    const { build, builds } = heldBuilder();
    const rows = new MergedRows(build);
    const { sink, calls } = recordingSink();
    await rows.add(block(3, 0));
    await rows.insertEvents(sink);
    rows.abandon();
    builds[0].end();
    await settled();
    expect(calls).toEqual([]);
  });

  test('on this thread, the same rows', async () => {
    const rows = new MergedRows(inlineRows());
    const { sink, calls } = recordingSink();
    await rows.add(block(4, 0));
    await rows.insertEvents(sink);
    await rows.insertEvents(sink);
    expect(asRows(calls.map((c) => c.rows)).map((r) => r.span_id)).toEqual([0n, 1n, 2n, 3n]);
  });
});
