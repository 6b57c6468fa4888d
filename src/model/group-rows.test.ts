import { describe, expect, test } from 'vitest';
import { groupLinks } from './lane-groups';
import { GroupRows, childrenOf, groupViewSteps, rowsWithIdsSteps } from './group-rows';
import { layoutLanes, type LaneLayout } from './lanes';
import { collapse, layoutChildren } from './span-collapse';
import type { SpanTable } from './span-table';
import { makeSpanTable, randomSpanTable } from './testing';
import { buildSpanTree } from './tree';
import { rememberViewParts } from './view-cache';
import { runAtOnce } from '../base/time-slices';

/** Spans with a child in the layout, split into roots and inner spans. */
function withChildren(layout: LaneLayout): { roots: number[]; inner: number[] } {
  const has = new Set<number>();
  for (const p of layout.parent) if (p >= 0) has.add(p);
  const all = [...has].sort((a, b) => a - b);
  return {
    roots: all.filter((i) => layout.parent[i] < 0),
    inner: all.filter((i) => layout.parent[i] >= 0),
  };
}

/** The collapse of exactly these spans, straight from span-collapse.ts. */
function collapseOf(table: SpanTable, layout: LaneLayout, spans: number[]) {
  const mask = new Uint8Array(table.length);
  for (const i of spans) mask[i] = 1;
  return collapse(layout, table, layoutChildren(layout), [spans], mask)!;
}

describe('GroupRows', () => {
  test('the memo builds nothing while nothing collapses, and follows the flipped ids', () => {
    const table = randomSpanTable(8, 200);
    const layout = layoutLanes(table);
    const groups = new GroupRows();
    const none = groups.of(layout, table, { all: false, flipped: new Set() });
    expect(none.hidden).toBeNull();
    expect(none.rows).toBe(layout);
    const link = groupLinks(layout, table);
    const root = link.findIndex((v, i) => v < -1 && i >= 0);
    const flipped = new Set([table.spanId[root]]);
    const one = groups.of(layout, table, { all: false, flipped });
    expect(one.collapsed?.[root]).toBe(1);
    expect(groups.of(layout, table, { all: false, flipped })).toBe(one);
    const allButOne = groups.of(layout, table, { all: true, flipped });
    expect(allButOne.collapsed?.[root]).toBe(0);
    const { roots } = withChildren(layout);
    expect(allButOne.collapsed?.filter((v: number) => v).length).toBe(roots.length - 1);
  });

  test('flipped inner spans are collapsed, under `all` too; flipped roots go the other way', () => {
    const table = randomSpanTable(11, 400);
    const layout = layoutLanes(table);
    const { roots, inner } = withChildren(layout);
    const picked = [roots[0], roots[1], inner[0], inner[inner.length - 1]];
    const flipped = new Set(picked.map((i) => table.spanId[i]));
    const some = runAtOnce(groupViewSteps(layout, table, { all: false, flipped }));
    const expected = collapseOf(table, layout, picked);
    expect(some.hidden).toEqual(expected.hidden);
    expect(some.hiddenCount).toEqual(expected.hiddenCount);
    // every root but the two flipped, and the two inner spans
    const all = runAtOnce(groupViewSteps(layout, table, { all: true, flipped }));
    const rest = roots.filter((r) => r !== roots[0] && r !== roots[1]);
    const expectedAll = collapseOf(table, layout, [...rest, inner[0], inner[inner.length - 1]]);
    expect(all.hidden).toEqual(expectedAll.hidden);
    expect(all.collapsed).toEqual(expectedAll.collapsed);
    expect(all.hiddenCount).toEqual(expectedAll.hiddenCount);
    expect(Array.from(all.rows.rowSpans)).toEqual(
      Array.from(layout.rowSpans).filter((i) => !expectedAll.hidden[i]),
    );
  });

  test('the rows with an id: every row of a repeated id, ids past 2^32 and negative', () => {
    const ids = [1n, 2n ** 32n + 1n, -5n, 7n, 1n, 2n ** 40n];
    const spanId = BigInt64Array.from(ids);
    const want = new Set([1n, 2n ** 32n + 1n, -5n, 2n ** 33n]);
    const rows = runAtOnce(rowsWithIdsSteps(spanId, want));
    expect(rows).toEqual(ids.flatMap((id, i) => (want.has(id) ? [i] : [])));
  });

  test('the children lists are the span tree’s when it has the layout’s parents', () => {
    const table = makeSpanTable([
      { spanId: 1, parentSpanId: 0, beginNs: 0, endNs: 100 },
      { spanId: 2, parentSpanId: 1, beginNs: 10, endNs: 50 },
    ]);
    const layout = layoutLanes(table);
    expect(childrenOf(layout, table)).toBeUndefined();
    const tree = buildSpanTree(table);
    rememberViewParts(table, {
      layout,
      tree,
      selfNs: new Float64Array(2),
      nameSlots: new Uint8Array(1),
    });
    expect(tree.parentIndex).toBe(layout.parent); // both spanParents' shared array
    expect(childrenOf(layout, table)).toBe(tree);
  });

  test('a large layout is built in slices: the last view meanwhile, the newest state once ready', async () => {
    const table = randomSpanTable(9, 400);
    const layout = layoutLanes(table);
    const groups = new GroupRows(0); // every layout counts as large
    const { roots } = withChildren(layout);
    const first = { all: false, flipped: new Set([table.spanId[roots[0]]]) };
    const second = { all: true, flipped: new Set<bigint>() };
    let ready = 0;
    let done: () => void = () => {};
    const onReady = () => {
      ready++;
      done();
    };
    const whenReady = new Promise<void>((resolve) => (done = resolve));
    const meanwhile = groups.of(layout, table, first, onReady);
    expect(meanwhile.rows).toBe(layout); // nothing built yet: the expanded rows
    expect(meanwhile.collapsed).toBeNull();
    expect(groups.of(layout, table, second, onReady).rows).toBe(layout); // replaces the job
    await whenReady;
    expect(ready).toBe(1); // the first job was aborted
    const view = groups.of(layout, table, second, onReady);
    expect(view).toEqual(runAtOnce(groupViewSteps(layout, table, second)));
    expect(view.collapsed?.filter((v) => v).length).toBe(roots.length);
    // another state: the last view stays on screen until its own is in
    expect(groups.of(layout, table, first, onReady)).toBe(view);
  });
});
