import { describe, expect, test } from 'vitest';
import type { SpanTable } from './span-table';
import { loadSpanTable, makeSpanTable, randomSpanTable } from './testing';
import {
  ANCESTOR,
  MATCH,
  ancestorsOf,
  buildSpanTree,
  carryFlagsBySpanId,
  flattenVisible,
  flattenVisibleSteps,
  hasShownChildren,
  markAncestors,
  markMatches,
  positionOf,
  rootsOf,
  siblingOrder,
  type SpanTree,
} from './tree';

const all = (tree: SpanTree) => new Uint8Array(tree.length).fill(1);

/** Checks the tree invariants: a forest over all rows, children listed under their parent. */
function expectWellFormed(table: SpanTable, tree: SpanTree) {
  const seen = new Uint32Array(table.length);
  for (const row of tree.childIndex) seen[row]++;
  expect(seen.every((count) => count === 1)).toBe(true);
  for (let p = 0; p <= table.length; p++) {
    for (let k = tree.childStart[p]; k < tree.childStart[p + 1]; k++) {
      const child = tree.childIndex[k];
      expect(tree.parentIndex[child]).toBe(p === table.length ? -1 : p);
      if (p < table.length) expect(table.parentSpanId[child]).toBe(table.spanId[p]);
    }
  }
}

describe('buildSpanTree', () => {
  test('children under parents, roots for parent 0 and unknown parents', () => {
    const table = makeSpanTable([
      { spanId: 1, parentSpanId: 0, beginNs: 0, endNs: 100 },
      { spanId: 2, parentSpanId: 1, beginNs: 10, endNs: 50 },
      { spanId: 3, parentSpanId: 1, beginNs: 5, endNs: 20 },
      { spanId: 4, parentSpanId: 3, beginNs: 6, endNs: 7 },
      { spanId: 5, parentSpanId: 99, beginNs: 1, endNs: 2 }, // parent not loaded
    ]);
    const tree = buildSpanTree(table);
    const id = (rows: ArrayLike<number>) => Array.from(rows, (r) => Number(table.spanId[r]));
    expect(id(rootsOf(tree))).toEqual([1, 5]);
    const row = (spanId: number) => table.spanId.indexOf(BigInt(spanId));
    const kids = (spanId: number) =>
      id(tree.childIndex.subarray(tree.childStart[row(spanId)], tree.childStart[row(spanId) + 1]));
    expect(kids(1)).toEqual([3, 2]); // begin order
    expect(kids(3)).toEqual([4]);
    expect(id(ancestorsOf(tree, row(4)))).toEqual([3, 1]);
  });

  test('cycles and self-parents become roots; every span appears once', () => {
    const table = makeSpanTable([
      { spanId: 1, parentSpanId: 2, beginNs: 0, endNs: 10 },
      { spanId: 2, parentSpanId: 3, beginNs: 1, endNs: 10 },
      { spanId: 3, parentSpanId: 1, beginNs: 2, endNs: 10 },
      { spanId: 4, parentSpanId: 4, beginNs: 3, endNs: 10 },
      { spanId: 5, parentSpanId: 3, beginNs: 4, endNs: 10 },
    ]);
    const tree = buildSpanTree(table);
    const seen = new Uint32Array(table.length);
    for (const row of tree.childIndex) seen[row]++;
    expect(Array.from(seen)).toEqual([1, 1, 1, 1, 1]);
    expect(rootsOf(tree).length).toBe(2); // one cut in the 3-cycle, plus span 4
    const flat = flattenVisible(tree, tree, all(tree));
    expect(flat.count).toBe(5);
  });

  test('span ids beyond 2^53 are matched exactly', () => {
    const big = makeSpanTable([
      { spanId: 1, parentSpanId: 0, beginNs: 0, endNs: 10 },
      { spanId: 2, parentSpanId: 1, beginNs: 1, endNs: 5 },
      { spanId: 3, parentSpanId: 1, beginNs: 2, endNs: 5 },
    ]);
    big.spanId[0] = 2n ** 62n + 1n;
    big.parentSpanId[1] = 2n ** 62n + 1n;
    big.parentSpanId[2] = 2n ** 62n; // differs from span 0's id only below 2^53's precision
    const tree = buildSpanTree(big);
    expect(Array.from(tree.parentIndex)).toEqual([-1, 0, -1]);
  });

  test('sparse span ids (not counters) are matched through a map', () => {
    const table = makeSpanTable([
      { spanId: 1e12, parentSpanId: 0, beginNs: 0, endNs: 10 },
      { spanId: 7, parentSpanId: 1e12, beginNs: 1, endNs: 5 },
      { spanId: 3e15, parentSpanId: 7, beginNs: 2, endNs: 5 },
    ]);
    expect(Array.from(buildSpanTree(table).parentIndex)).toEqual([-1, 0, 1]);
  });

  test('property: random forests (wild data included) are well formed', () => {
    for (const [seed, wild] of [
      [1, false],
      [2, true],
      [3, true],
    ] as const) {
      const table = randomSpanTable(seed, 3000, wild);
      const tree = buildSpanTree(table);
      expectWellFormed(table, tree);
      const flat = flattenVisible(tree, tree, all(tree));
      expect(flat.count).toBe(table.length);
      for (let k = 0; k < flat.count; k++) {
        const row = flat.rows[k];
        expect(positionOf(flat, row)).toBe(k);
        const parent = tree.parentIndex[row];
        if (parent < 0) expect(flat.levels[k]).toBe(0);
        else {
          expect(positionOf(flat, parent)).toBeLessThan(k); // parent above its children
          expect(flat.levels[k]).toBe(flat.levels[positionOf(flat, parent)] + 1);
        }
      }
    }
  });

  test('the real medium capture: one tree over 99,265 spans', () => {
    const table = loadSpanTable('medium');
    const tree = buildSpanTree(table);
    expectWellFormed(table, tree);
    let parentZero = 0;
    for (let i = 0; i < table.length; i++) if (table.parentSpanId[i] === 0n) parentZero++;
    expect(parentZero).toBe(2323); // expected_summary.json root_spans_parent_0
    expect(rootsOf(tree).length).toBe(2323); // every parent of the capture is loaded
  });
});

describe('flattenVisible and sorting', () => {
  const table = makeSpanTable([
    { spanId: 1, parentSpanId: 0, beginNs: 0, endNs: 100 },
    { spanId: 2, parentSpanId: 1, beginNs: 10, endNs: 20 }, // 10 ns
    { spanId: 3, parentSpanId: 1, beginNs: 20, endNs: 90 }, // 70 ns
    { spanId: 4, parentSpanId: 1, beginNs: 30, endNs: 60 }, // 30 ns
    { spanId: 5, parentSpanId: 0, beginNs: 50, endNs: 500 },
  ]);
  const tree = buildSpanTree(table);
  const ids = (rows: ArrayLike<number>) => Array.from(rows, (r) => Number(table.spanId[r]));
  const durations = Float64Array.from(table.beginNs, (b, i) => table.endNs[i] - b);

  test('collapsed rows hide their children', () => {
    const expanded = new Uint8Array(tree.length);
    expect(ids(flattenVisible(tree, tree, expanded).rows)).toEqual([1, 5]);
    expanded[0] = 1;
    const flat = flattenVisible(tree, tree, expanded);
    expect(ids(flat.rows)).toEqual([1, 2, 3, 4, 5]);
    expect(Array.from(flat.levels)).toEqual([0, 1, 1, 1, 0]);
  });

  test('sort by duration, descending and ascending; start descending', () => {
    const expanded = all(tree);
    const byDuration = siblingOrder(tree, durations, true);
    expect(ids(flattenVisible(tree, byDuration, expanded).rows)).toEqual([5, 1, 3, 4, 2]);
    const ascending = siblingOrder(tree, durations, false);
    expect(ids(flattenVisible(tree, ascending, expanded).rows)).toEqual([1, 2, 4, 3, 5]);
    const lateFirst = siblingOrder(tree, null, true);
    expect(ids(flattenVisible(tree, lateFirst, expanded).rows)).toEqual([5, 1, 4, 3, 2]);
  });

  test('a filter shows matches and their ancestors; ancestors have shown children', () => {
    const marks = markMatches(tree, (row) => durations[row] === 30);
    const flat = flattenVisible(tree, tree, all(tree), marks);
    expect(ids(flat.rows)).toEqual([1, 4]);
    const row1 = flat.rows[0];
    expect(marks[row1]).toBe(ANCESTOR);
    expect(marks[flat.rows[1]]).toBe(MATCH);
    expect(hasShownChildren(tree, marks, row1)).toBe(true);
    expect(hasShownChildren(tree, marks, flat.rows[1])).toBe(false);
    expect(hasShownChildren(tree, null, row1)).toBe(true);
    markAncestors(tree, marks, flat.rows[0]); // a root: nothing to mark
    expect(ids(flattenVisible(tree, tree, all(tree), marks).rows)).toEqual([1, 4]);
    expect(positionOf(flat, flat.rows[1])).toBe(1);
    expect(positionOf(flat, 1)).toBe(-1); // span 2: hidden by the filter
    expect(positionOf(flat, -1)).toBe(-1);
  });
});

/** The flattening by its definition: pre-order, recursively, children in the order's lists. */
function flattenByRecursion(
  tree: SpanTree,
  order: { childStart: Uint32Array; childIndex: Uint32Array },
  expanded: Uint8Array,
  marks: Uint8Array | null,
): { rows: number[]; levels: number[] } {
  const rows: number[] = [];
  const levels: number[] = [];
  const visit = (node: number, level: number) => {
    for (let k = order.childStart[node]; k < order.childStart[node + 1]; k++) {
      const child = order.childIndex[k];
      if (marks && marks[child] === 0) continue;
      rows.push(child);
      levels.push(level);
      if (expanded[child]) visit(child, level + 1);
    }
  };
  visit(tree.length, 0);
  return { rows, levels };
}

test('flattenVisible in steps: the recursive flattening, whether run at once or step by step', () => {
  const table = randomSpanTable(7, 120_000, true);
  const tree = buildSpanTree(table);
  const durations = Float64Array.from(table.beginNs, (b, i) => table.endNs[i] - b);
  const expanded = Uint8Array.from(table.beginNs, (_, i) => (i % 5 === 0 ? 0 : 1));
  const marks = markMatches(tree, (row) => row % 3 === 0);
  for (const order of [tree, siblingOrder(tree, durations, true)]) {
    for (const filter of [null, marks]) {
      const want = flattenByRecursion(tree, order, expanded, filter);
      const steps = flattenVisibleSteps(tree, order, expanded, filter);
      let pauses = 0;
      let step = steps.next();
      for (; !step.done; step = steps.next()) pauses++;
      expect(pauses).toBeGreaterThan(1); // it does pause: the run in slices differs from at once
      const got = step.value;
      expect(got.count).toBe(want.rows.length);
      expect(Array.from(got.rows)).toEqual(want.rows);
      expect(Array.from(got.levels)).toEqual(want.levels);
      const once = flattenVisible(tree, order, expanded, filter);
      expect(Array.from(once.rows)).toEqual(want.rows);
    }
  }
});

test('carryFlagsBySpanId keeps flags of spans that are still there, wherever they moved', () => {
  const oldIds = BigInt64Array.from([1n, 2n, 3n]);
  const newIds = BigInt64Array.from([4n, 3n, 1n, 2n]);
  const newFlags = new Uint8Array(4);
  carryFlagsBySpanId(oldIds, Uint8Array.from([1, 0, 1]), newIds, newFlags);
  expect(Array.from(newFlags)).toEqual([0, 1, 1, 0]);
});

test('carryFlagsBySpanId matches whole 64-bit ids (same low word, other high word: another span)', () => {
  // a seeded generator: ids that share 32-bit words with others, negative ones, and 0
  let seed = 7;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
  const word = () => BigInt(next() % 40); // few distinct words: many ids share one
  const id = () => BigInt.asIntN(64, (word() << 32n) | word() | (next() % 2 ? 1n << 63n : 0n));
  // one flagged id, and many new ids with its low word but other high words, one of them it
  const one = (7n << 32n) | 5n;
  const others = BigInt64Array.from({ length: 300 }, (_, k) =>
    k === 150 ? one : (BigInt(k + 8) << 32n) | 5n,
  );
  const flags = new Uint8Array(others.length);
  carryFlagsBySpanId(BigInt64Array.from([one]), Uint8Array.from([1]), others, flags);
  expect(Array.from(flags).flatMap((f, k) => (f ? [k] : []))).toEqual([150]);
  for (let round = 0; round < 5; round++) {
    const oldIds = BigInt64Array.from({ length: 2000 }, id);
    const oldFlags = Uint8Array.from({ length: 2000 }, () => next() % 3);
    const newIds = BigInt64Array.from({ length: 3000 }, id);
    // the expected flags by a Map of the old ids (the first of a repeated id, as the table keeps)
    const byId = new Map<bigint, number>();
    oldIds.forEach((v, i) => oldFlags[i] && !byId.has(v) && byId.set(v, oldFlags[i]));
    const want = Array.from(newIds, (v) => byId.get(v) ?? 0);
    const newFlags = new Uint8Array(newIds.length);
    carryFlagsBySpanId(oldIds, oldFlags, newIds, newFlags);
    expect(Array.from(newFlags)).toEqual(want);
  }
});
