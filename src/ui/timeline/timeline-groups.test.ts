import { describe, expect, test } from 'vitest';
import { layoutLanes } from '../../model/lanes';
import type { SpanTable } from '../../model/span-table';
import { makeSpanTable, type SpanSpec } from '../../model/testing';
import { threadEvents } from '../../model/thread-events';
import { createViewStore } from '../../store/view-state';
import { lanesTopCss, layoutRowAt, rowCssOf, visibleRows } from './geometry';
import { hitTest, spanCenterCss } from './hit-test';
import { TimelineController } from './timeline-controller';
import { toggleGroup } from './timeline-groups';
import { handleKey } from './timeline-input';
import { nameColours } from './theme';

/**
 * Eight root tasks overlapping in time (so their blocks stack), each with a child, a grandchild
 * and a second child overlapping the first; root 3's parent id names no span (an orphan: a root
 * too). Roots are spans 1, 11, 21, …
 */
function groupedSpecs(): SpanSpec[] {
  const specs: SpanSpec[] = [];
  for (let k = 0; k < 8; k++) {
    const id = 10 * k + 1;
    const t = k * 100;
    specs.push({ spanId: id, parentSpanId: k === 3 ? 999 : 0, beginNs: t, endNs: t + 10_000 });
    specs.push({ spanId: id + 1, parentSpanId: id, beginNs: t + 10, endNs: t + 5_000 });
    specs.push({ spanId: id + 2, parentSpanId: id + 1, beginNs: t + 20, endNs: t + 4_000 });
    specs.push({ spanId: id + 3, parentSpanId: id, beginNs: t + 30, endNs: t + 9_000 });
  }
  return specs;
}

/**
 * Descendants of span `id` inside its time extent (what collapsing it hides when nothing above it
 * is collapsed), counted from the specs (not from the app's lane code).
 */
function hiddenBySpecs(specs: SpanSpec[], id: number): number {
  const byId = new Map(specs.map((s) => [s.spanId, s]));
  const top = byId.get(id)!;
  const under = (s: SpanSpec): boolean => {
    const p = byId.get(s.parentSpanId);
    return !!p && (p.spanId === id || under(p));
  };
  return specs.filter((s) => under(s) && s.beginNs >= top.beginNs && s.endNs <= top.endNs).length;
}

/** Descendants of each root id, counted from the specs (not from the app's lane code). */
function descendantsBySpecs(specs: SpanSpec[]): Map<number, number> {
  const byId = new Map(specs.map((s) => [s.spanId, s]));
  const rootOf = (s: SpanSpec): number => {
    const p = byId.get(s.parentSpanId);
    return p ? rootOf(p) : s.spanId;
  };
  const count = new Map<number, number>();
  for (const s of specs) {
    const root = rootOf(s);
    count.set(root, (count.get(root) ?? 0) + (root === s.spanId ? 0 : 1));
  }
  return count;
}

function setup() {
  const specs = groupedSpecs();
  const table = makeSpanTable(specs);
  const store = createViewStore();
  store.getState().setSpans(table, 'p');
  const tips: string[][] = [];
  const tooltip = { show: (lines: string[]) => tips.push(lines), hide: () => {} };
  const controller = new TimelineController(
    store,
    () => {},
    tooltip,
    () => null,
  );
  controller.size = { widthCss: 1000, heightCss: 400, dpr: 1 };
  const layout = layoutLanes(table);
  const none = { emphasis: null, emphasisEvents: null, matches: new Int32Array(0) };
  const events = threadEvents(table);
  controller.setData({
    table,
    include: null,
    layout,
    events,
    colours: nameColours(table),
    ...none,
  });
  const stop = controller.connect();
  return { specs, table, store, controller, tips, stop };
}

const indexOf = (table: SpanTable, id: number) => table.spanId.indexOf(BigInt(id));

/** Pointer position over span i's bar: `atCss` px right of its visible left end. */
function pointOn(c: TimelineController, i: number, atCss: number) {
  const g = c.geometry();
  const x0 = Math.max(0, ((c.data!.table.beginNs[i] - g.startNs) / (g.endNs - g.startNs)) * 1000);
  const shown = g.shownRows!.shownRow[c.data!.layout.row[i]];
  return { xCss: x0 + atCss, yCss: lanesTopCss(g) + shown * rowCssOf(g) - g.scrollTopCss + 9 };
}

const key = (k: string) =>
  ({ key: k, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false }) as KeyboardEvent;

describe('root-task groups in the timeline', () => {
  test('a click on the triangle collapses the group; its spans are not hit; the count is said', () => {
    const { specs, table, store, controller, tips, stop } = setup();
    const root = indexOf(table, 21);
    const child = indexOf(table, 22);
    const atChild = pointOn(controller, child, 40);
    expect(hitTest(controller.scene()!, atChild.xCss, atChild.yCss)?.span).toBe(child);
    const triangle = pointOn(controller, root, 6);
    expect(hitTest(controller.scene()!, triangle.xCss, triangle.yCss)).toEqual({
      span: root,
      part: 'group',
    });
    const rowsBefore = controller.geometry().rowCount;
    controller.click(triangle);
    expect(store.getState().selected).toBe(-1); // the triangle toggles, it does not select
    expect([...store.getState().groupsFlipped]).toEqual([21n]);
    const hit = hitTest(controller.scene()!, atChild.xCss, atChild.yCss);
    expect(hit?.span === child || hit?.span === indexOf(table, 23)).toBe(false);
    expect(controller.geometry().rowCount).toBeLessThanOrEqual(rowsBefore);
    const onBar = pointOn(controller, root, 200);
    controller.hover(onBar);
    const hidden = descendantsBySpecs(specs).get(21)!;
    expect(tips.at(-1)).toContain(`group collapsed: ${hidden} spans hidden (→ expands)`);
    controller.click(pointOn(controller, root, 6));
    expect(store.getState().groupsFlipped.size).toBe(0);
    stop();
  });

  test('a click on an inner span’s triangle collapses its subtree only; the count is said', () => {
    const { specs, table, store, controller, tips, stop } = setup();
    const inner = indexOf(table, 22);
    const [grandchild, sibling] = [indexOf(table, 23), indexOf(table, 24)];
    const atGrandchild = pointOn(controller, grandchild, 40);
    expect(hitTest(controller.scene()!, atGrandchild.xCss, atGrandchild.yCss)?.span).toBe(
      grandchild,
    );
    const triangle = pointOn(controller, inner, 6);
    expect(hitTest(controller.scene()!, triangle.xCss, triangle.yCss)).toEqual({
      span: inner,
      part: 'group',
    });
    controller.click(triangle);
    expect([...store.getState().groupsFlipped]).toEqual([22n]);
    expect(store.getState().selected).toBe(-1);
    // its descendant is no longer hit nor drawn; its sibling and its root still are
    expect(hitTest(controller.scene()!, atGrandchild.xCss, atGrandchild.yCss)?.span).not.toBe(
      grandchild,
    );
    const atSibling = pointOn(controller, sibling, 40); // rows may have gone: found again
    expect(hitTest(controller.scene()!, atSibling.xCss, atSibling.yCss)?.span).toBe(sibling);
    const drawn = new Set(controller.scene()!.groups!.rows.rowSpans);
    expect([drawn.has(grandchild), drawn.has(sibling), drawn.has(indexOf(table, 21))]).toEqual([
      false,
      true,
      true,
    ]);
    controller.hover(pointOn(controller, inner, 200));
    expect(tips.at(-1)).toContain(
      `group collapsed: ${hiddenBySpecs(specs, 22)} spans hidden (→ expands)`,
    );
    // the root collapsed too: the inner span is hidden with the rest, the root counts it all
    controller.click(pointOn(controller, indexOf(table, 21), 6));
    controller.hover(pointOn(controller, indexOf(table, 21), 200));
    expect(tips.at(-1)).toContain(
      `group collapsed: ${hiddenBySpecs(specs, 21)} spans hidden (→ expands)`,
    );
    controller.click(pointOn(controller, indexOf(table, 21), 6));
    controller.click(pointOn(controller, inner, 6));
    expect(store.getState().groupsFlipped.size).toBe(0);
    expect(controller.scene()!.groups!.rows.rowSpans).toContain(grandchild);
    stop();
  });

  test('← collapses the selected span, then climbs to its parent; → expands, then descends', () => {
    const { table, store, controller, stop } = setup();
    const [root, inner, leaf] = [41, 42, 43].map((id) => indexOf(table, id));
    const flipped = () => [...store.getState().groupsFlipped].sort();
    store.getState().select(leaf);
    expect(handleKey(controller, key('ArrowLeft'))).toBe(true); // a leaf: to its parent
    expect([store.getState().selected, flipped()]).toEqual([inner, []]);
    handleKey(controller, key('ArrowLeft')); // an expanded span with children: collapses
    expect([store.getState().selected, flipped()]).toEqual([inner, [42n]]);
    handleKey(controller, key('ArrowLeft')); // collapsed: to its parent
    handleKey(controller, key('ArrowLeft'));
    expect([store.getState().selected, flipped()]).toEqual([root, [41n, 42n]]);
    expect(handleKey(controller, key('ArrowLeft'))).toBe(true); // a collapsed root: nothing
    expect([store.getState().selected, flipped()]).toEqual([root, [41n, 42n]]);
    handleKey(controller, key('ArrowRight'));
    expect(flipped()).toEqual([42n]);
    store.getState().select(inner);
    handleKey(controller, key('ArrowRight'));
    expect(flipped()).toEqual([]);
    // expanded: → goes down to the earliest child, as the span tree's → does
    const children = [...table.parentSpanId.keys()].filter((i) => table.parentSpanId[i] === 42n);
    const earliest = children.reduce((a, b) => (table.beginNs[b] < table.beginNs[a] ? b : a));
    expect(handleKey(controller, key('ArrowRight'))).toBe(true);
    expect([store.getState().selected, flipped()]).toEqual([earliest, []]);
    stop();
  });

  test('collapsing a span the selection is under selects it; a hidden span selected is shown', () => {
    const { table, store, controller, stop } = setup();
    const [root, inner, leaf] = [41, 42, 43].map((id) => indexOf(table, id));
    store.getState().select(leaf);
    expect(toggleGroup(controller, inner, true)).toBe(true);
    expect(store.getState().selected).toBe(inner);
    toggleGroup(controller, root, true);
    expect(store.getState().selected).toBe(root);
    expect(controller.scene()!.groups!.rows.rowSpans).not.toContain(inner);
    // picked elsewhere (the tree, the search): what hides it opens, it is drawn and outlined
    store.getState().select(leaf);
    expect(store.getState().groupsFlipped.size).toBe(0);
    const scene = controller.scene()!;
    expect(scene.groups!.rows.rowSpans).toContain(leaf);
    expect(spanCenterCss(scene, leaf)).not.toBeNull();
    stop();
  });

  test('G collapses every group but the selection’s: one row per root, every root listed', () => {
    const { specs, table, store, controller, stop } = setup();
    const roots = specs.filter((s) => descendantsBySpecs(specs).has(s.spanId));
    handleKey(controller, key('g'));
    expect(store.getState().groupsCollapsed).toBe(true);
    const scene = controller.scene()!;
    const rows = scene.groups!.rows;
    const drawn = Array.from(rows.rowSpans, (i) => Number(table.spanId[i])).sort((a, b) => a - b);
    expect(drawn).toEqual(roots.map((s) => s.spanId).sort((a, b) => a - b));
    expect(controller.geometry().rowCount).toBe(roots.length); // all overlap: one row each
    handleKey(controller, key('g'));
    const child = indexOf(table, 62);
    store.getState().select(child);
    handleKey(controller, key('g'));
    expect([...store.getState().groupsFlipped]).toEqual([61n]);
    expect(controller.scene()!.groups!.rows.rowSpans).toContain(child);
    stop();
  });

  test('] and [ put the next / previous row that starts a group on top', () => {
    const { controller, stop } = setup();
    const rootRows: number[] = []; // shown positions of the rows holding a root, by a scan
    const g = controller.geometry();
    for (let shown = 0; shown < g.rowCount; shown++) {
      const r = layoutRowAt(g, shown);
      const { rowStart, rowSpans } = controller.data!.layout;
      const spans = Array.from(rowSpans.subarray(rowStart[r], rowStart[r + 1]));
      if (spans.some((i) => controller.data!.layout.parent[i] < 0)) rootRows.push(shown);
    }
    expect(rootRows.length).toBeGreaterThan(2);
    const top = () => visibleRows(controller.geometry())[0];
    const maxTop = Math.floor(controller.geometry().rowCount - 322 / 18 + 1);
    for (const expected of rootRows.slice(1)) {
      expect(handleKey(controller, key(']'))).toBe(true);
      expect(top()).toBe(Math.min(expected, maxTop));
      if (expected >= maxTop) break;
    }
    handleKey(controller, key('Home'));
    handleKey(controller, key(']'));
    handleKey(controller, key(']'));
    handleKey(controller, key('['));
    expect(top()).toBe(rootRows[1]);
    stop();
  });
});
