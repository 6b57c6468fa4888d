// The aggregated call tree on a hand-made forest: paths merge spans of the same names, self time
// merges overlapping children, the inverted tree attributes each span to its caller chain, a
// mask keeps paths of unselected ancestors. (Against SQL on the real captures:
// analysis-truth.test.ts.)
import { describe, expect, test } from 'vitest';
import {
  invertedTree,
  nodePath,
  spansOfNode,
  spansOnPath,
  topDownTree,
  type CallTree,
} from './call-tree';
import { selfTimesNs } from './self-time';
import { SPAN_OPEN } from './span-table';
import { makeSpanTable, randomSpanTable } from './testing';
import { buildSpanTree } from './tree';

const table = makeSpanTable([
  { spanId: 1, parentSpanId: 0, beginNs: 0, endNs: 100, name: 'req' },
  { spanId: 2, parentSpanId: 1, beginNs: 10, endNs: 50, name: 'db' },
  { spanId: 3, parentSpanId: 1, beginNs: 30, endNs: 70, name: 'db' },
  { spanId: 4, parentSpanId: 0, beginNs: 200, endNs: 260, name: 'req' },
  { spanId: 5, parentSpanId: 4, beginNs: 210, endNs: 220, name: 'net' },
  { spanId: 6, parentSpanId: 0, beginNs: 300, endNs: 340, name: 'job' },
  { spanId: 7, parentSpanId: 6, beginNs: 300, endNs: 320, name: 'db' },
  { spanId: 8, parentSpanId: 7, beginNs: 305, endNs: 400, name: 'net', state: SPAN_OPEN },
]);
const tree = buildSpanTree(table);
const self = selfTimesNs(table, tree);

function byPath(t: CallTree) {
  const out: Record<string, number[]> = {};
  for (let k = 1; k < t.length; k++) {
    if (t.count[k] + t.open[k] === 0) continue;
    out[nodePath(t, table.names, k).join('/')] = [t.count[k], t.open[k], t.totalNs[k], t.selfNs[k]];
  }
  return out;
}

describe('aggregated call tree', () => {
  test('top-down: spans merged by name path; self merges overlapping children', () => {
    expect(byPath(topDownTree(table, tree, self, null))).toEqual({
      req: [2, 0, 160, 40 + 50], // 100 − union(10..70) = 40; 60 − 10 = 50
      'req/db': [2, 0, 80, 80],
      'req/net': [1, 0, 10, 10],
      job: [1, 0, 40, 20],
      'job/db': [1, 0, 20, 5], // its open child 305..400 is clipped to 300..320
      'job/db/net': [0, 1, 0, 0],
    });
  });

  test('inverted: each name a root, its callers below', () => {
    const inverted = invertedTree(topDownTree(table, tree, self, null), table.names);
    expect(byPath(inverted)).toEqual({
      req: [2, 0, 160, 90],
      db: [3, 0, 100, 85],
      'db/req': [2, 0, 80, 80],
      'db/job': [1, 0, 20, 5],
      net: [1, 1, 10, 10],
      'net/req': [1, 0, 10, 10],
      'net/db': [0, 1, 0, 0],
      'net/db/job': [0, 1, 0, 0],
      job: [1, 0, 40, 20],
    });
  });

  test('a mask keeps the selected spans on their full paths; children by total', () => {
    const mask = Uint8Array.from(table.nameIndex, (k) => (table.names[k] === 'db' ? 1 : 0));
    const topDown = topDownTree(table, tree, self, mask);
    expect(byPath(topDown)).toEqual({ 'req/db': [2, 0, 80, 80], 'job/db': [1, 0, 20, 5] });
    const roots = topDown.childIndex.subarray(topDown.childStart[0], topDown.childStart[1]);
    expect([...roots].map((k) => table.names[topDown.nameIndex[k]])).toEqual(['req', 'job']);
    const reqDb = [...topDown.nodeOfSpan].indexOf(topDown.nodeOfSpan[table.spanId.indexOf(2n)]);
    const spans = spansOfNode(topDown, topDown.nodeOfSpan[reqDb]);
    expect([...table.spanId.filter((_, i) => spans[i] === 1)].sort()).toEqual([2n, 3n]);
  });
});

describe('spans of a path', () => {
  test('top-down paths are exact from the root; inverted ones match the caller chain', () => {
    const ids = (mask: Uint8Array) =>
      [...table.spanId.filter((_, i) => mask[i] === 1)].map(Number).sort((a, b) => a - b);
    expect(ids(spansOnPath(table, tree, { names: ['req', 'db'], inverted: false }))).toEqual([
      2, 3,
    ]);
    expect(ids(spansOnPath(table, tree, { names: ['db'], inverted: false }))).toEqual([]);
    expect(ids(spansOnPath(table, tree, { names: ['db'], inverted: true }))).toEqual([2, 3, 7]);
    expect(ids(spansOnPath(table, tree, { names: ['net', 'db'], inverted: true }))).toEqual([8]);
    expect(ids(spansOnPath(table, tree, { names: ['nope'], inverted: true }))).toEqual([]);
  });

  test('every node of both trees selects as many spans as it counts', () => {
    const topDown = topDownTree(table, tree, self, null);
    const inverted = invertedTree(topDown, table.names);
    for (const [t, isInverted] of [
      [topDown, false],
      [inverted, true],
    ] as const) {
      for (let k = 1; k < t.length; k++) {
        const names = nodePath(t, table.names, k);
        const mask = spansOnPath(table, tree, { names, inverted: isInverted });
        expect(mask.reduce((a, b) => a + b, 0)).toBe(t.count[k] + t.open[k]);
      }
    }
  });
});

describe('top-down nodes on random tables (children that begin before their parent)', () => {
  test('every span sits at the node of its names from the root; parents numbered first', () => {
    for (const seed of [1, 2, 3, 4]) {
      const t = randomSpanTable(seed, 2000, true);
      const spanTree = buildSpanTree(t);
      const td = topDownTree(t, spanTree, selfTimesNs(t, spanTree), null);
      let early = 0; // spans whose parent's row comes later (begins later)
      for (let row = 0; row < t.length; row++) {
        const names: string[] = [];
        for (let up = row; up >= 0; up = spanTree.parentIndex[up])
          names.push(t.names[t.nameIndex[up]]);
        expect(nodePath(td, t.names, td.nodeOfSpan[row])).toEqual(names.reverse());
        if (spanTree.parentIndex[row] > row) early++;
      }
      for (let k = 1; k < td.length; k++) expect(td.parent[k]).toBeLessThan(k);
      expect(early).toBeGreaterThan(0);
    }
  });
});
