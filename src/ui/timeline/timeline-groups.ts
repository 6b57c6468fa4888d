// Root-task groups in the timeline (src/model/lane-groups.ts): collapse or expand the group of a
// span (its triangle, ← / →), every group (G, the toolbar), scroll to the next group with spans in
// the window (] / [), and keep the selection in sight (its group expands when it is revealed).
// No React.
import { runInSlices } from '../../base/time-slices';
import {
  GroupRows,
  SLICE_FROM_SPANS,
  type CollapseState,
  type GroupView,
} from '../../model/group-rows';
import {
  drawnRows,
  groupLinksSteps,
  hasChildren,
  nextGroupRow,
  rememberLinks,
  remembered,
  rootOf,
  type SpanTimes,
} from '../../model/lane-groups';
import type { LaneLayout } from '../../model/lanes';
import { rowCssOf } from './geometry';
import { groupMark } from './group-marks';
import type { Hit } from './hit-test';
import type { RowSubset } from './scene-types';
import type { TimelineController } from './timeline-controller';

/**
 * Builds the group links of a layout in slices when the page is idle, so a collapse only pays for
 * its drawn rows. Returns a cancel.
 */
export function prepareGroups(layout: LaneLayout, table: SpanTimes): () => void {
  const abort = new AbortController();
  const build = () => {
    if (remembered(layout)) return;
    runInSlices(groupLinksSteps(layout, table), abort.signal).then(
      (links) => remembered(layout) ?? rememberLinks(layout, links),
      () => {}, // cancelled: another table took its place
    );
  };
  const id = typeof requestIdleCallback === 'function' ? requestIdleCallback(build) : -1;
  if (id < 0) build();
  return () => {
    if (id >= 0) cancelIdleCallback(id);
    abort.abort();
  };
}

const groupRows = new WeakMap<TimelineController, GroupRows>();

function collapseState(c: TimelineController): CollapseState {
  const { groupsCollapsed: all, groupsFlipped: flipped } = c.store.getState();
  return { all, flipped };
}

/**
 * The drawn rows and groups under the view's collapse state (group-rows.ts), memoized; on large,
 * built in slices (the controller redraws when they are in) unless `now`.
 */
export function groupViewOf(c: TimelineController, now = false): GroupView | null {
  const d = c.data;
  let memo = groupRows.get(c);
  if (!memo) groupRows.set(c, (memo = new GroupRows()));
  return d && memo.of(d.layout, d.table, collapseState(c), now ? undefined : onReady(c));
}

/** A span to scroll into view once the rows being built in slices are in (see groupViewOf). */
const pendingReveal = new WeakMap<TimelineController, number>();

/** On large, the rows that show `span` come in slices: reveal it again once they are in. */
function revealWhenBuilt(c: TimelineController, span: number): void {
  if ((c.data?.layout.row.length ?? 0) >= SLICE_FROM_SPANS) pendingReveal.set(c, span);
}

/** When sliced rows are in: clamp the scroll and redraw, and reveal the span waiting for them. */
const onReady = (c: TimelineController) => () => {
  c.scrollBy(0);
  const span = pendingReveal.get(c);
  pendingReveal.delete(c);
  if (span !== undefined) c.revealRow(span);
};

const emphasisMemo = new WeakMap<RowSubset, { groups: GroupView; out: RowSubset }>();

/** The emphasized spans a collapsed group does not hide (the emphasis itself when none is). */
export function drawnEmphasis(
  emphasis: RowSubset | null,
  groups: GroupView | undefined,
): RowSubset | null {
  if (!emphasis || !groups?.hidden) return emphasis;
  const memo = emphasisMemo.get(emphasis);
  if (memo && memo.groups === groups) return memo.out;
  const out = drawnRows(emphasis, groups.hidden);
  emphasisMemo.set(emphasis, { groups, out });
  return out;
}

/** The placed span `span` of the shown data, or -1. */
function placed(c: TimelineController, span: number): number {
  const d = c.data;
  return d && span >= 0 && span < d.table.length && d.layout.row[span] >= 0 ? span : -1;
}

/** Whether the view's state collapses the group of root `root` (one with descendants). */
function isCollapsed(c: TimelineController, root: number): boolean {
  const { all, flipped } = collapseState(c);
  return all !== flipped.has(c.data!.table.spanId[root]);
}

/** The root of placed span `span`'s group when it has descendants, else -1. */
function groupRoot(c: TimelineController, span: number): number {
  const d = c.data;
  if (!d || placed(c, span) < 0) return -1;
  const root = rootOf(d.layout.parent, span);
  return root !== span || hasChildren(d.layout, d.table, root) ? root : -1;
}

/**
 * Collapses (true), expands (false) or toggles (absent) the group of `span`; collapsing it from
 * inside selects its root, which stays in sight. Returns whether anything changed. Reads the
 * view's state, not the rows drawn (on large those follow in slices).
 */
export function toggleGroup(c: TimelineController, span: number, collapse?: boolean): boolean {
  const root = groupRoot(c, span);
  if (root < 0) return false;
  const collapsed = isCollapsed(c, root);
  const next = collapse ?? !collapsed;
  if (next === collapsed) return false;
  const state = c.store.getState();
  state.setGroupCollapsed(c.data!.table.spanId[root], next);
  const { selected } = state;
  if (next && selected !== root && groupRoot(c, selected) === root) state.select(root);
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
  const root = groupRoot(c, state.selected);
  if (!collapse || root < 0 || root === state.selected) return;
  state.setGroupCollapsed(c.data!.table.spanId[root], false);
  revealWhenBuilt(c, state.selected);
  c.revealRow(state.selected);
}

/** Expands the group hiding `span` (a span picked in the tree, the search, the details). */
export function showGroupOf(c: TimelineController, span: number): void {
  const root = groupRoot(c, span);
  if (root < 0 || root === span || !isCollapsed(c, root)) return;
  c.store.getState().setGroupCollapsed(c.data!.table.spanId[root], false);
  revealWhenBuilt(c, span);
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
