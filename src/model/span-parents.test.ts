import { describe, expect, test } from 'vitest';
import { layoutLanes } from './lanes';
import { parentIndices, spanParents } from './span-parents';
import { loadSpanTable, makeSpanTable, randomSpanTable } from './testing';
import { buildSpanTree } from './tree';

describe('spanParents', () => {
  const table = makeSpanTable([
    { spanId: 1, parentSpanId: 0, beginNs: 0, endNs: 100 },
    { spanId: 2, parentSpanId: 1, beginNs: 10, endNs: 50 },
    { spanId: 3, parentSpanId: 2, beginNs: 20, endNs: 30 },
    { spanId: 4, parentSpanId: 99, beginNs: 40, endNs: 45 }, // parent not loaded
    { spanId: 5, parentSpanId: 5, beginNs: 60, endNs: 70 }, // itself
  ]);

  test('parent rows: roots for parent 0, unknown parents and self parents', () => {
    expect(Array.from(spanParents(table))).toEqual([-1, 0, 1, -1, -1]);
  });

  test('computed once per table: the timeline and the tree share one array', () => {
    const medium = loadSpanTable('medium');
    const parent = spanParents(medium);
    expect(spanParents(medium)).toBe(parent);
    expect(buildSpanTree(medium).parentIndex).toBe(parent);
    expect(layoutLanes(medium).parent).toBe(parent);
    // a different table object (even with equal columns) gets its own computation
    const copy = { ...medium };
    expect(spanParents(copy)).not.toBe(parent);
    expect(Array.from(spanParents(copy))).toEqual(Array.from(parent));
  });

  test('under a filter, parents are lifted to included ancestors without touching the shared array', () => {
    const include = Uint8Array.of(1, 0, 1, 1, 1);
    expect(Array.from(parentIndices(table, include))).toEqual([-1, 0, 0, -1, -1]);
    expect(Array.from(spanParents(table))).toEqual([-1, 0, 1, -1, -1]);
  });

  test('random tables (wild ids, cycles, duplicates): a forest, first row of a repeated id wins', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const t = randomSpanTable(seed, 2000, seed % 2 === 0);
      const parent = spanParents(t);
      const firstRow = new Map<bigint, number>();
      for (let i = t.length - 1; i >= 0; i--) firstRow.set(t.spanId[i], i);
      for (let i = 0; i < t.length; i++) {
        // a link is either the first row of the parent id, or cut (-1)
        if (parent[i] >= 0) expect(parent[i]).toBe(firstRow.get(t.parentSpanId[i]));
        // walking up ends at a root within n steps (no cycle)
        let steps = 0;
        for (let p = parent[i]; p >= 0; p = parent[p])
          expect(++steps).toBeLessThanOrEqual(t.length);
      }
    }
  });
});
