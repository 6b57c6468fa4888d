// A process's span rows go to the sink in batches (DuckDB-WASM keeps its heap at its largest
// batch): the first batch replaces the process's rows, the others append, and together they are
// every row once, in order, equal to the rows of one batch.
import { tableFromIPC, type Table } from 'apache-arrow';
import { describe, expect, test } from 'vitest';
import { BEGIN, END } from '../decode/event-columns';
import { spanRows } from './key-rows';
import { replaceSpans } from './merged-rows';
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
    await replaceSpans(sink, 7, spans, per);
    expect(calls.map((c) => c.kind)).toEqual(
      Array.from({ length: Math.max(1, Math.ceil(n / per)) }, (_, i) => (i ? 'insert' : 'replace')),
    );
    expect(calls.every((c) => c.table === 'weft_spans' && c.rows.numRows <= per)).toBe(true);
    const whole = tableFromIPC(spanRows(7, spans).ipc);
    expect(whole.numRows).toBe(n);
    expect(asRows(calls.map((c) => c.rows))).toEqual(asRows([whole]));
  });
});
