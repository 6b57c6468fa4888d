// The critical path rule on hand-made cases: the child that ended last, ties, open and orphan
// children, children that outlive their parent, open parents, recursion and the waits. (The
// rule against SQL on the real captures: analysis-truth.test.ts.)
import { describe, expect, test } from 'vitest';
import { criticalChild, criticalPath } from './critical-path';
import { SPAN_OPEN, SPAN_ORPHAN_END } from './span-table';
import { makeSpanTable, type SpanSpec } from './testing';
import { buildSpanTree } from './tree';

function setup(specs: SpanSpec[]) {
  const table = makeSpanTable(specs);
  const tree = buildSpanTree(table);
  const row = (id: number) => table.spanId.indexOf(BigInt(id));
  const id = (r: number) => (r < 0 ? -1 : Number(table.spanId[r]));
  const path = (spanId: number) => criticalPath(table, tree, row(spanId)).map((l) => id(l.row));
  return { table, tree, row, id, path };
}

const root = { spanId: 1, parentSpanId: 0, beginNs: 0, endNs: 100 };

describe('critical path', () => {
  test('the child that ended last, recursively', () => {
    const { path } = setup([
      root,
      { spanId: 2, parentSpanId: 1, beginNs: 10, endNs: 60 },
      { spanId: 3, parentSpanId: 1, beginNs: 5, endNs: 90 },
      { spanId: 4, parentSpanId: 3, beginNs: 20, endNs: 80 },
      { spanId: 5, parentSpanId: 3, beginNs: 30, endNs: 40 },
    ]);
    expect(path(1)).toEqual([3, 4]);
    expect(path(2)).toEqual([]);
  });

  test('ties on the end go to the later begin, then to the greater span id', () => {
    const later = setup([
      root,
      { spanId: 2, parentSpanId: 1, beginNs: 10, endNs: 90 },
      { spanId: 3, parentSpanId: 1, beginNs: 20, endNs: 90 },
    ]);
    expect(later.path(1)).toEqual([3]);
    const sameBegin = setup([
      root,
      { spanId: 7, parentSpanId: 1, beginNs: 20, endNs: 90 },
      { spanId: 3, parentSpanId: 1, beginNs: 20, endNs: 90 },
    ]);
    expect(sameBegin.path(1)).toEqual([7]);
  });

  test('children ending exactly with the parent count; those ending after it do not', () => {
    const { path } = setup([
      root,
      { spanId: 2, parentSpanId: 1, beginNs: 10, endNs: 100 },
      { spanId: 3, parentSpanId: 1, beginNs: 20, endNs: 150 },
    ]);
    expect(path(1)).toEqual([2]);
  });

  test('open children never count; orphan-end children do; open parents have no path', () => {
    const { path, table, tree, row } = setup([
      root,
      { spanId: 2, parentSpanId: 1, beginNs: 10, endNs: 100, state: SPAN_OPEN },
      { spanId: 3, parentSpanId: 1, beginNs: 0, endNs: 70, state: SPAN_ORPHAN_END },
      { spanId: 4, parentSpanId: 1, beginNs: 20, endNs: 50 },
      { spanId: 5, parentSpanId: 0, beginNs: 10, endNs: 100, state: SPAN_OPEN },
      { spanId: 6, parentSpanId: 5, beginNs: 20, endNs: 30 },
    ]);
    expect(path(1)).toEqual([3]);
    expect(criticalChild(table, tree, row(5))).toBe(-1);
  });

  test('waits: how long the parent waited on each link and what it did after', () => {
    const { table, tree, row } = setup([
      root,
      { spanId: 2, parentSpanId: 1, beginNs: 30, endNs: 90 },
      { spanId: 3, parentSpanId: 2, beginNs: 20, endNs: 85 },
    ]);
    const links = criticalPath(table, tree, row(1));
    expect(links.map((l) => [l.waitedNs, l.tailNs])).toEqual([
      [60, 10], // 2 ran 30..90 inside 1 (0..100)
      [55, 5], // 3 began before its parent 2: counted from 2's begin (30..85)
    ]);
    expect(links.map((l) => Number(table.spanId[l.parentRow]))).toEqual([1, 2]);
  });
});
