import { describe, expect, test } from 'vitest';
import { drawnRows, groupLinks, groupOf, descendantsOf } from './lane-groups';
import { layoutLanes, type LaneLayout } from './lanes';
import { collapse, layoutChildren, type Collapse } from './span-collapse';
import { parentIndices } from './span-parents';
import type { SpanTable } from './span-table';
import { loadSpanTable, randomSpanTable, seededRandom } from './testing';
import { buildSpanTree, childrenInOrder } from './tree';

/** Placed spans with a placed child, by the table's own parent lookup (not the layout's). */
function spansWithChildren(layout: LaneLayout, parent: Int32Array): Uint8Array {
  const has = new Uint8Array(parent.length);
  for (let i = 0; i < parent.length; i++)
    if (layout.row[i] >= 0 && parent[i] >= 0) has[parent[i]] = 1;
  return has;
}

/**
 * A random set of collapsed spans with children, each with probability p, and at least one root
 * and one inner span (both kinds are exercised).
 */
function randomCollapsed(has: Uint8Array, parent: Int32Array, seed: number, p: number) {
  const rand = seededRandom(seed);
  const isCollapsed = new Uint8Array(has.length);
  const candidates = [...has.keys()].filter((i) => has[i]);
  const roots = candidates.filter((i) => parent[i] < 0);
  const inner = candidates.filter((i) => parent[i] >= 0);
  expect(roots.length * inner.length).toBeGreaterThan(0);
  const forced = [
    roots[Math.floor(rand() * roots.length)],
    inner[Math.floor(rand() * inner.length)],
  ];
  for (const i of candidates) if (rand() < p) isCollapsed[i] = 1;
  for (const i of forced) isCollapsed[i] = 1;
  const spans = candidates.filter((i) => isCollapsed[i]);
  return { spans: spans.reverse(), isCollapsed }; // any order
}

const inside = (t: SpanTable, i: number, a: number) =>
  t.beginNs[i] >= t.beginNs[a] && t.endNs[i] <= t.endNs[a];

/**
 * By brute force, from the definition: the span that hides each placed span (the nearest drawn
 * collapsed ancestor whose extent holds it), or -1 when it is drawn. Ancestors are decided first.
 */
function hidersByWalk(
  table: SpanTable,
  layout: LaneLayout,
  parent: Int32Array,
  isCollapsed: Uint8Array,
) {
  const hider = new Int32Array(table.length).fill(-2); // -2: not decided
  const decide = (i: number): number => {
    if (hider[i] !== -2) return hider[i];
    hider[i] = -1;
    for (let a = parent[i]; a >= 0; a = parent[a]) {
      if (isCollapsed[a] && decide(a) === -1 && inside(table, i, a)) {
        hider[i] = a;
        break;
      }
    }
    return hider[i];
  };
  for (let i = 0; i < table.length; i++) if (layout.row[i] >= 0) decide(i);
  return hider;
}

/** Checks a collapse against the brute force; returns the spans drawn outside an ancestor's extent. */
function checkCollapse(
  table: SpanTable,
  layout: LaneLayout,
  parent: Int32Array,
  isCollapsed: Uint8Array,
  c: Collapse,
): number {
  const hider = hidersByWalk(table, layout, parent, isCollapsed);
  const has = spansWithChildren(layout, parent);
  const counts = new Map<number, number>();
  const wrong: string[] = []; // collected, not one expect per span (medium has 100k spans)
  let drawnOutside = 0;
  for (let i = 0; i < table.length; i++) {
    if (layout.row[i] < 0) {
      if (c.hidden[i] || c.collapsed[i]) wrong.push(`unplaced ${i} marked`);
      continue;
    }
    const h = hider[i];
    if (c.hidden[i] !== +(h >= 0)) wrong.push(`span ${i}: hidden ${c.hidden[i]}, hider ${h}`);
    if (h >= 0) counts.set(h, (counts.get(h) ?? 0) + 1);
    const shows = isCollapsed[i] === 1 && h < 0 && has[i] === 1;
    if (c.collapsed[i] !== +shows) wrong.push(`span ${i}: collapsed ${c.collapsed[i]}`);
    // drawn under a collapsed ancestor: outside the extent of each (a self-linked span)
    if (h < 0 && isCollapsedAbove(parent, isCollapsed, i)) drawnOutside++;
  }
  expect(wrong.slice(0, 5)).toEqual([]);
  // each drawn collapsed span says how many it hides: the brute-force count; no other span says
  const said = new Map<number, number>();
  const saying = new Map<number, number>();
  for (let i = 0; i < table.length; i++) {
    if (c.collapsed[i]) said.set(i, counts.get(i) ?? 0);
    if (c.collapsed[i] || c.hiddenCount[i]) saying.set(i, c.hiddenCount[i]);
  }
  expect(saying).toEqual(said);
  return drawnOutside;
}

/** Whether span i has a collapsed ancestor. */
function isCollapsedAbove(parent: Int32Array, isCollapsed: Uint8Array, i: number): boolean {
  for (let a = parent[i]; a >= 0; a = parent[a]) if (isCollapsed[a]) return true;
  return false;
}

/** Every drawn span once, on its layout row, in the layout's order; hidden ones never. */
function checkRows(layout: LaneLayout, c: Collapse) {
  const rows = drawnRows(layout, c.hidden);
  expect(rows.rowCount).toBe(layout.rowCount);
  const kept = Array.from(layout.rowSpans).filter((i) => !c.hidden[i]);
  expect(Array.from(rows.rowSpans)).toEqual(kept);
  for (let r = 0; r < layout.rowCount; r++)
    for (let k = rows.rowStart[r]; k < rows.rowStart[r + 1]; k++)
      expect(layout.row[rows.rowSpans[k]]).toBe(r);
}

function runCase(table: SpanTable, include: Uint8Array | null, seed: number, p: number): number {
  const layout = layoutLanes(table, include);
  const parent = parentIndices(table, include);
  const children = layoutChildren(layout);
  const { spans, isCollapsed } = randomCollapsed(
    spansWithChildren(layout, parent),
    parent,
    seed,
    p,
  );
  const c = collapse(layout, table, children, [spans], isCollapsed)!;
  // the same spans in other lists and orders: the same collapse
  const half = spans.length >> 1;
  const split = [spans.slice(half), spans.slice(0, half).reverse()];
  expect(collapse(layout, table, children, split, isCollapsed)).toEqual(c);
  const outside = checkCollapse(table, layout, parent, isCollapsed, c);
  checkRows(layout, c);
  // expanding everything gives back the layout's rows exactly
  expect(collapse(layout, table, children, [], new Uint8Array(table.length))).toBeNull();
  const none = drawnRows(layout, new Uint8Array(table.length));
  expect([none.rowStart, none.rowSpans]).toEqual([layout.rowStart, layout.rowSpans]);
  return outside;
}

describe('collapsing any span', () => {
  test('random tables: hidden under the nearest drawn collapsed ancestor holding it; counts exact', () => {
    let outside = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const wild = seed % 3 !== 0;
      const table = randomSpanTable(seed, 500, wild);
      const rand = seededRandom(seed + 100);
      const include = seed % 4 === 0 ? Uint8Array.from(table.beginNs, () => +(rand() < 0.7)) : null;
      outside += runCase(table, include, seed, seed % 2 ? 0.15 : 0.4);
    }
    // spans outside a collapsed ancestor's extent occurred and stayed drawn (checked above)
    expect(outside).toBeGreaterThan(0);
  });

  for (const name of ['medium', 'unclosed', 'mixed'])
    test(`${name}: random roots and inner spans collapsed, against the brute force`, () => {
      const table = loadSpanTable(name);
      for (const [seed, p] of [
        [1, 0.02],
        [2, 0.3],
      ])
        runCase(table, null, seed, p);
    });

  test('only roots collapsed: each root hides what its group links count (lane-groups.ts)', () => {
    for (const [seed, wild] of [
      [3, true],
      [4, false],
    ] as const) {
      const table = randomSpanTable(seed, 400, wild);
      const layout = layoutLanes(table);
      const link = groupLinks(layout, table);
      const roots = [...layout.parent.keys()].filter((i) => layout.parent[i] < 0);
      const isCollapsed = new Uint8Array(table.length);
      for (const r of roots) isCollapsed[r] = 1;
      const c = collapse(layout, table, layoutChildren(layout), [roots], isCollapsed)!;
      for (let i = 0; i < table.length; i++) {
        const g = groupOf(link, i);
        expect(c.hidden[i]).toBe(+(g !== i));
        if (c.collapsed[i]) expect(c.hiddenCount[i]).toBe(descendantsOf(link, i));
      }
    }
  });

  test('the children lists are the span tree’s when nothing is filtered', () => {
    const table = loadSpanTable('unclosed');
    const layout = layoutLanes(table);
    const tree = buildSpanTree(table);
    const children = layoutChildren(layout);
    expect(children).toEqual({ childStart: tree.childStart, childIndex: tree.childIndex });
    const rand = seededRandom(5);
    const include = Uint8Array.from(table.beginNs, () => +(rand() < 0.5));
    const filtered = layoutLanes(table, include);
    const placed = childrenInOrder(filtered.parent);
    // the unplaced spans are left out of the lists, the placed ones kept in order
    const keep = (list: Uint32Array) => Array.from(list).filter((i) => include[i]);
    expect(Array.from(layoutChildren(filtered).childIndex)).toEqual(keep(placed.childIndex));
  });
});
