// Root-task groups in the timeline (src/model/lane-groups.ts): collapse or expand the group of a
// span (its triangle, ← / →), every group (G, the toolbar), scroll to the next group with spans in
// the window (] / [), and keep the selection in sight (its group expands when it is revealed).
// No React.
import {
  descendantsOf,
  drawnRows,
  groupLinksOf,
  groupOf,
  isDrawn,
  GroupRows,
  nextGroupRow,
  type GroupView,
} from '../../model/lane-groups';
import type { LaneLayout } from '../../model/lanes';
import { rowCssOf } from './geometry';
import { groupMark } from './group-marks';
import type { Hit } from './hit-test';
import type { RowSubset } from './scene-types';
import type { TimelineController } from './timeline-controller';

/**
 * Builds the group links of a layout when the page is idle, so the first collapse only pays for
 * its drawn rows (large: the links take 20–50 ms, the drawn rows 30–45 ms). Returns a cancel.
 */
export function prepareGroups(layout: LaneLayout): () => void {
  const build = () => void groupLinksOf(layout);
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(build, { timeout: 5_000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(build, 1_000);
  return () => clearTimeout(id);
}

const groupRows = new WeakMap<TimelineController, GroupRows>();

/** The drawn rows and groups under the view's collapse state (lane-groups.ts), memoized. */
export function groupViewOf(c: TimelineController): GroupView | null {
  const { groupsCollapsed: all, groupsFlipped: flipped } = c.store.getState();
  const d = c.data;
  let memo = groupRows.get(c);
  if (!memo) groupRows.set(c, (memo = new GroupRows()));
  return d && memo.of(d.layout, d.table.spanId, { all, flipped });
}

const emphasisMemo = new WeakMap<RowSubset, { groups: GroupView; out: RowSubset }>();

/** The emphasized spans a collapsed group does not hide (the emphasis itself when none is). */
export function drawnEmphasis(
  emphasis: RowSubset | null,
  groups: GroupView | undefined,
): RowSubset | null {
  if (!emphasis || !groups?.link || !groups.collapsed) return emphasis;
  const memo = emphasisMemo.get(emphasis);
  if (memo && memo.groups === groups) return memo.out;
  const out = drawnRows(emphasis, groups.link, groups.collapsed);
  emphasisMemo.set(emphasis, { groups, out });
  return out;
}

/** The placed span `span` of the shown data, or -1. */
function placed(c: TimelineController, span: number): number {
  const d = c.data;
  return d && span >= 0 && span < d.table.length && d.layout.row[span] >= 0 ? span : -1;
}

/**
 * Collapses (true), expands (false) or toggles (absent) the group of `span`; collapsing it from
 * inside selects its root, which stays in sight. Returns whether anything changed.
 */
export function toggleGroup(c: TimelineController, span: number, collapse?: boolean): boolean {
  const d = c.data;
  if (!d || placed(c, span) < 0) return false;
  const link = groupLinksOf(d.layout);
  const root = groupOf(link, span);
  if (descendantsOf(link, root) === 0) return false;
  const collapsed = groupViewOf(c)?.collapsed?.[root] === 1;
  const next = collapse ?? !collapsed;
  if (next === collapsed) return false;
  const state = c.store.getState();
  state.setGroupCollapsed(d.table.spanId[root], next);
  const { selected } = state;
  if (next && selected !== root && selected >= 0 && groupOf(link, selected) === root)
    state.select(root);
  return true;
}

/** ← / →: collapses or expands the selected span's group. */
export function toggleSelectedGroup(c: TimelineController, collapse: boolean): boolean {
  return toggleGroup(c, c.store.getState().selected, collapse);
}

/**
 * Collapses or expands every group (G, the toolbar). Collapsing keeps the selected span's group
 * open, so the selection stays in sight.
 */
export function setAllGroups(c: TimelineController, collapse: boolean): void {
  const state = c.store.getState();
  state.setGroupsCollapsed(collapse);
  const d = c.data;
  const selected = placed(c, state.selected);
  if (!d || !collapse || selected < 0) return;
  const root = groupOf(groupLinksOf(d.layout), selected);
  if (root !== selected) state.setGroupCollapsed(d.table.spanId[root], false);
  c.revealRow(selected);
}

/** Expands the group hiding `span` (a span picked in the tree, the search, the details). */
export function showGroupOf(c: TimelineController, span: number): void {
  const groups = groupViewOf(c);
  const d = c.data;
  if (!d || !groups?.link || placed(c, span) < 0) return;
  if (isDrawn(groups.link, groups.collapsed, span)) return;
  c.store.getState().setGroupCollapsed(d.table.spanId[groupOf(groups.link, span)], false);
}

/**
 * ] / [: scrolls the lanes so that the next (1) or previous (-1) row starting a group with spans in
 * the window is on top. Returns whether there was one.
 */
export function stepGroup(c: TimelineController, dir: 1 | -1): boolean {
  const d = c.data;
  const groups = groupViewOf(c);
  const g = c.geometry();
  if (!d || !groups || !g.shownRows) return false;
  const rowCss = rowCssOf(g);
  const top = Math.floor(g.scrollTopCss / rowCss + 1e-6);
  const times = d.table;
  const next = nextGroupRow(
    groups.rows,
    g.shownRows.layoutRow,
    d.layout.parent,
    times,
    g,
    top,
    dir,
  );
  if (next < 0) return false;
  c.scrollBy(next * rowCss - g.scrollTopCss);
  return true;
}

/** The group mark of a hit span's bar, for its tooltip (null: not a root with a group). */
export function groupMarkOf(c: TimelineController, hit: Hit) {
  const scene = c.scene();
  return scene && (hit.part === 'bar' || hit.part === 'group') ? groupMark(scene, hit.span) : null;
}
