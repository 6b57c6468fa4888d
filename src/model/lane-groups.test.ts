import { describe, expect, test } from 'vitest';
import {
  descendantsOf,
  drawnRows,
  groupLinks,
  groupOf,
  hasChildren,
  isDrawn,
  nextGroupRow,
  rowHasRootIn,
} from './lane-groups';
import { layoutLanes, type LaneLayout } from './lanes';
import { rowsInWindow } from './row-window';
import { collapse, layoutChildren } from './span-collapse';
import { parentIndices } from './span-parents';
import type { SpanTable } from './span-table';
import { loadSpanTable, makeSpanTable, randomSpanTable, seededRandom } from './testing';

/** The root of span i by walking the table's own parent lookup (not the layout's). */
function rootByWalk(parent: Int32Array, i: number): number {
  let v = i;
  while (parent[v] >= 0) v = parent[v];
  return v;
}

/**
 * The roots `pick` says collapsed (those with descendants, as lane-groups' links count them) and
 * the spans that hides (span-collapse.ts).
 */
function rootsCollapsed(
  layout: LaneLayout,
  table: SpanTable,
  link: Int32Array,
  pick: (root: number) => boolean,
): { mask: Uint8Array; hidden: Uint8Array } {
  const mask = new Uint8Array(table.length);
  const roots = [...link.keys()].filter((r) => link[r] < -1 && pick(r));
  for (const r of roots) mask[r] = 1;
  const c = collapse(layout, table, layoutChildren(layout), [roots], mask);
  return { mask, hidden: c?.hidden ?? new Uint8Array(table.length) };
}

/** Random collapse: each root with descendants collapsed with probability 1/2. */
function randomCollapse(layout: LaneLayout, table: SpanTable, link: Int32Array, seed: number) {
  const rand = seededRandom(seed);
  return rootsCollapsed(layout, table, link, () => rand() < 0.5);
}

/** Whether span i lies outside root r's time extent (no collapse of r hides it). */
function outside(table: SpanTable, i: number, r: number): boolean {
  return table.beginNs[i] < table.beginNs[r] || table.endNs[i] > table.endNs[r];
}

function inWindow(table: SpanTable, i: number, startNs: number, endNs: number): boolean {
  return table.beginNs[i] <= endNs && table.endNs[i] >= startNs;
}

/** Every drawn span exactly once on its layout row, in the layout's order; hidden ones never. */
function checkDrawn(
  table: SpanTable,
  layout: LaneLayout,
  link: Int32Array,
  { mask, hidden }: { mask: Uint8Array; hidden: Uint8Array },
) {
  const rows = drawnRows(layout, hidden);
  expect(rows.rowCount).toBe(layout.rowCount);
  const seen = new Uint8Array(table.length);
  const wrong: string[] = []; // collected, not one expect per span (medium has 100k spans)
  for (let r = 0; r < rows.rowCount; r++) {
    let last = -1;
    for (let k = rows.rowStart[r]; k < rows.rowStart[r + 1]; k++) {
      const i = rows.rowSpans[k];
      if (layout.row[i] !== r || seen[i]++) wrong.push(`span ${i} misplaced or twice`);
      // never merged with the span before it
      if (last >= 0 && !(table.endNs[last] < table.beginNs[i])) wrong.push(`${last} overlaps ${i}`);
      last = i;
    }
  }
  let outOfSight = 0;
  for (let i = 0; i < table.length; i++) {
    if (layout.row[i] < 0) continue;
    const root = rootByWalk(layout.parent, i);
    const shouldDraw = root === i || mask[root] === 0 || outside(table, i, root);
    if (seen[i] !== +shouldDraw || isDrawn(hidden, i) !== shouldDraw)
      wrong.push(`span ${i}: drawn ${seen[i]}, expected ${shouldDraw}`);
    if (!shouldDraw) outOfSight++;
  }
  expect(wrong.slice(0, 5)).toEqual([]);
  // the collapsed roots' counts say how many spans are out of sight, no more, no less
  let counted = 0;
  for (let r = 0; r < table.length; r++) if (mask[r]) counted += descendantsOf(link, r);
  expect(counted).toBe(outOfSight);
  return rows;
}

describe('groupLinks', () => {
  test('root and descendant count of every span, orphans and filtered parents as roots', () => {
    for (const [seed, wild] of [
      [1, false],
      [2, true],
      [3, true],
    ] as const) {
      const table = randomSpanTable(seed, 400, wild);
      const rand = seededRandom(seed + 10);
      const include = seed === 3 ? Uint8Array.from(table.beginNs, () => +(rand() < 0.7)) : null;
      const layout = layoutLanes(table, include);
      const parent = parentIndices(table, include);
      const link = groupLinks(layout, table);
      const size = new Map<number, number>(); // descendants inside the root's extent
      const any = new Set<number>(); // roots with any descendant
      for (let i = 0; i < table.length; i++) {
        if (include && !include[i]) continue;
        const root = rootByWalk(parent, i);
        const out = outside(table, i, root);
        expect(groupOf(link, i)).toBe(out ? i : root);
        if (root !== i) any.add(root);
        if (root !== i && !out) size.set(root, (size.get(root) ?? 0) + 1);
      }
      // the wild tables have spans outside their root's extent: the rule above is exercised
      if (wild)
        expect(table.beginNs.some((_, i) => groupOf(link, i) === i && parent[i] >= 0)).toBe(true);
      for (let i = 0; i < table.length; i++) {
        const isRoot = (!include || include[i] === 1) && parent[i] < 0;
        expect(descendantsOf(link, i)).toBe(isRoot ? (size.get(i) ?? 0) : 0);
        // the cheap test the triangles use: exact when children lie inside their parent
        if (isRoot && !wild) expect(hasChildren(layout, table, i)).toBe(size.has(i));
        if (isRoot && hasChildren(layout, table, i)) expect(any.has(i)).toBe(true);
      }
      expect(groupLinks(layout, table)).toEqual(link); // deterministic
    }
  });

  test('a span whose parent is missing heads its own group', () => {
    const table = makeSpanTable([
      { spanId: 1, parentSpanId: 0, beginNs: 0, endNs: 100 },
      { spanId: 2, parentSpanId: 1, beginNs: 10, endNs: 50 },
      { spanId: 3, parentSpanId: 99, beginNs: 20, endNs: 60 },
      { spanId: 4, parentSpanId: 3, beginNs: 30, endNs: 40 },
    ]);
    const link = groupLinks(layoutLanes(table), table);
    expect([0, 1, 2, 3].map((i) => groupOf(link, i))).toEqual([0, 0, 2, 2]);
    expect([0, 2].map((r) => descendantsOf(link, r))).toEqual([1, 1]);
  });
});

test('a chain deeper than the walk buffer, children before their parents in the table', () => {
  // same begins: the table orders by span id, so each child comes before its parent
  const specs = Array.from({ length: 300 }, (_, k) => ({
    spanId: k + 1,
    parentSpanId: k + 1 < 300 ? k + 2 : 0,
    beginNs: 0,
    endNs: 1_000 + k,
  }));
  const table = makeSpanTable(specs);
  const layout = layoutLanes(table);
  const link = groupLinks(layout, table);
  const root = table.spanId.indexOf(300n);
  for (let i = 0; i < table.length; i++) expect(groupOf(link, i)).toBe(root);
  expect(descendantsOf(link, root)).toBe(299);
});

describe('collapsed groups', () => {
  test('drawn rows keep every span not hidden, once, on its row; counts match', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const table = randomSpanTable(seed, 300, seed % 2 === 0);
      const layout = layoutLanes(table);
      const link = groupLinks(layout, table);
      const collapsed = randomCollapse(layout, table, link, seed);
      const rows = checkDrawn(table, layout, link, collapsed);
      expect(drawnRows(layout, collapsed.hidden)).toEqual(rows); // deterministic
      const all = rootsCollapsed(layout, table, link, () => true);
      const onlyRoots = checkDrawn(table, layout, link, all);
      // roots, and the spans no collapse hides (outside their root's extent: wild tables)
      const rootOrOutside = (i: number) =>
        layout.parent[i] < 0 || outside(table, i, rootByWalk(layout.parent, i));
      expect(onlyRoots.rowSpans.every(rootOrOutside)).toBe(true);
    }
  });

  test('collapsing one group removes exactly the rows only its descendants held, in order', () => {
    const table = randomSpanTable(7, 500);
    const layout = layoutLanes(table);
    const link = groupLinks(layout, table);
    const [startNs, endNs] = [2_000, 4_000];
    const before = rowsInWindow(layout, table.beginNs, table.endNs, startNs, endNs);
    for (let r = 0; r < table.length; r++) {
      if (descendantsOf(link, r) === 0) continue;
      const { hidden } = rootsCollapsed(layout, table, link, (root) => root === r);
      const rows = drawnRows(layout, hidden);
      const after = rowsInWindow(rows, table.beginNs, table.endNs, startNs, endNs);
      // a row stays unless every span it has in the window is one of r's descendants
      const keeps = (row: number) => {
        for (let k = layout.rowStart[row]; k < layout.rowStart[row + 1]; k++) {
          const i = layout.rowSpans[k];
          if (inWindow(table, i, startNs, endNs) && isDrawn(hidden, i)) return true;
        }
        return false;
      };
      expect(Array.from(after.layoutRow)).toEqual(Array.from(before.layoutRow).filter(keeps));
      const removed = before.layoutRow.length - after.layoutRow.length;
      expect(removed).toBeLessThanOrEqual(descendantsOf(link, r));
    }
  });
});

describe('nextGroupRow', () => {
  test('finds the next and previous shown row with a root in the window, as a scan does', () => {
    for (let seed = 1; seed <= 4; seed++) {
      const table = randomSpanTable(seed, 400, seed === 4);
      const layout = layoutLanes(table);
      const link = groupLinks(layout, table);
      const hidden = seed % 2 ? rootsCollapsed(layout, table, link, () => true).hidden : null;
      const rows = drawnRows(layout, hidden);
      const window = { startNs: 1_000 * seed, endNs: 1_000 * seed + 1_500 };
      const shown = rowsInWindow(rows, table.beginNs, table.endNs, window.startNs, window.endNs);
      const starts = Array.from(shown.layoutRow, (r) => {
        for (let k = rows.rowStart[r]; k < rows.rowStart[r + 1]; k++) {
          const i = rows.rowSpans[k];
          if (layout.parent[i] < 0 && inWindow(table, i, window.startNs, window.endNs)) return true;
        }
        return false;
      });
      expect(starts.some(Boolean)).toBe(true);
      for (let from = -1; from <= starts.length; from++) {
        const next = starts.findIndex((s, k) => s && k > from);
        const prev = starts.findLastIndex((s, k) => s && k < from);
        const args = [rows, shown.layoutRow, layout.parent, table, window, from] as const;
        expect(nextGroupRow(...args, 1)).toBe(next);
        expect(nextGroupRow(...args, -1)).toBe(prev);
      }
      for (let s = 0; s < starts.length; s++) {
        const r = shown.layoutRow[s];
        expect(rowHasRootIn(rows, layout.parent, r, table, window.startNs, window.endNs)).toBe(
          starts[s],
        );
      }
    }
  });
});

describe('on a real capture', () => {
  test('medium: all collapsed, the drawn spans are the roots and the counts add up', () => {
    const table = loadSpanTable('medium');
    const layout = layoutLanes(table);
    const link = groupLinks(layout, table);
    checkDrawn(
      table,
      layout,
      link,
      rootsCollapsed(layout, table, link, () => true),
    );
  });
});
