import { describe, expect, test } from 'vitest';
import { selfBoundFlags, selfBoundFlagsSteps, selfTimesNs } from './self-time';
import { SPAN_COMPLETE, type SpanTable } from './span-table';
import { makeSpanTable, randomSpanTable, type SpanSpec } from './testing';
import { buildSpanTree } from './tree';

/** Self time of span 1 given its children (ids 2, 3, …, all direct children of span 1). */
function selfOfParent(parent: [number, number], children: [number, number][]): number {
  const specs: SpanSpec[] = [{ spanId: 1, parentSpanId: 0, beginNs: parent[0], endNs: parent[1] }];
  children.forEach(([b, e], k) =>
    specs.push({ spanId: k + 2, parentSpanId: 1, beginNs: b, endNs: e }),
  );
  const table = makeSpanTable(specs);
  const self = selfTimesNs(table, buildSpanTree(table));
  return self[table.spanId.indexOf(1n)];
}

/** Reference: walk every integer nanosecond of the parent and test it against each child. */
function bruteSelfNs(table: SpanTable, row: number): number {
  let free = 0;
  for (let t = table.beginNs[row]; t < table.endNs[row]; t++) {
    let covered = false;
    for (let c = 0; c < table.length && !covered; c++) {
      if (c === row || table.parentSpanId[c] !== table.spanId[row]) continue;
      covered = table.beginNs[c] <= t && t < table.endNs[c];
    }
    if (!covered) free++;
  }
  return free;
}

describe('selfTimesNs', () => {
  test('no children: the whole duration', () => {
    expect(selfOfParent([10, 110], [])).toBe(100);
  });

  test('nested (a child inside the parent)', () => {
    expect(selfOfParent([0, 100], [[20, 50]])).toBe(70);
  });

  test('overlapping children are merged, not summed', () => {
    expect(
      selfOfParent(
        [0, 100],
        [
          [10, 60],
          [30, 80],
          [40, 50], // inside the first
        ],
      ),
    ).toBe(30);
  });

  test('disjoint and touching children', () => {
    expect(
      selfOfParent(
        [0, 100],
        [
          [0, 10],
          [10, 20],
          [50, 60],
        ],
      ),
    ).toBe(70);
  });

  test('children outside the parent are clipped to it', () => {
    expect(selfOfParent([100, 200], [[50, 120]])).toBe(80);
    expect(selfOfParent([100, 200], [[180, 400]])).toBe(80);
    expect(selfOfParent([100, 200], [[0, 50]])).toBe(100);
    expect(selfOfParent([100, 200], [[300, 400]])).toBe(100);
    expect(selfOfParent([100, 200], [[0, 1000]])).toBe(0);
  });

  test('zero-length children and a zero-length parent', () => {
    expect(
      selfOfParent(
        [0, 100],
        [
          [30, 30],
          [40, 40],
        ],
      ),
    ).toBe(100);
    expect(selfOfParent([50, 50], [[40, 60]])).toBe(0);
  });

  test('grandchildren do not count against the grandparent twice', () => {
    const table = makeSpanTable([
      { spanId: 1, parentSpanId: 0, beginNs: 0, endNs: 100 },
      { spanId: 2, parentSpanId: 1, beginNs: 10, endNs: 60 },
      { spanId: 3, parentSpanId: 2, beginNs: 20, endNs: 90 }, // outlives its parent
    ]);
    const self = selfTimesNs(table, buildSpanTree(table));
    expect(Array.from(self)).toEqual([50, 10, 70]); // span 2 loses [20, 60] to span 3
  });

  test('property: equals a brute-force count on random (wild) tables', () => {
    for (const seed of [7, 8]) {
      const table = randomSpanTable(seed, 300, seed === 8);
      for (let i = 0; i < table.length; i++) {
        table.beginNs[i] = Math.round(table.beginNs[i]);
        table.endNs[i] = Math.max(table.beginNs[i], Math.round(table.endNs[i]));
      }
      const self = selfTimesNs(table, buildSpanTree(table));
      for (let i = 0; i < table.length; i++) expect(self[i]).toBe(bruteSelfNs(table, i));
    }
  });

  test('unsorted sibling lists (a table not in begin order) give the same answer', () => {
    const table = makeSpanTable([
      { spanId: 1, parentSpanId: 0, beginNs: 0, endNs: 100 },
      { spanId: 2, parentSpanId: 1, beginNs: 10, endNs: 30 },
      { spanId: 3, parentSpanId: 1, beginNs: 50, endNs: 70 },
      { spanId: 4, parentSpanId: 1, beginNs: 20, endNs: 60 },
    ]);
    const tree = buildSpanTree(table);
    // Reverse the children of span 1 in place: the sweep must notice and sort.
    const from = tree.childStart[0];
    tree.childIndex.subarray(from, tree.childStart[1]).reverse();
    expect(selfTimesNs(table, tree)[0]).toBe(40);
  });
});

describe('selfBoundFlags', () => {
  test('flags a span that is not complete or has a child that is not (random wild tables)', () => {
    for (const [seed, count] of [
      [1, 400],
      [2, 400],
      [3, 400],
      [4, 150_000],
    ]) {
      const table = randomSpanTable(seed, count, true);
      const tree = buildSpanTree(table);
      const flags = selfBoundFlags(table, tree);
      // run step by step too: 150,000 rows pause twice, with the same flags
      const steps = selfBoundFlagsSteps(table, tree);
      let pauses = 0;
      let step = steps.next();
      for (; !step.done; step = steps.next()) pauses++;
      expect(pauses).toBe(Math.floor(count / 65536));
      expect(step.value).toEqual(flags);
      let flagged = 0;
      for (let row = 0; row < table.length; row++) {
        // the definition, over the row's children lists
        let bound = table.state[row] !== SPAN_COMPLETE;
        for (let k = tree.childStart[row]; k < tree.childStart[row + 1]; k++)
          bound ||= table.state[tree.childIndex[k]] !== SPAN_COMPLETE;
        expect(flags[row]).toBe(bound ? 1 : 0);
        flagged += flags[row];
      }
      expect(flagged).toBeGreaterThan(0);
      expect(flagged).toBeLessThan(table.length);
    }
  });
});
