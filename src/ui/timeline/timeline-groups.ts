// Collapsed spans in the timeline (src/model/span-collapse.ts, lane-groups.ts): collapse or
// expand any span with children (its triangle, ← / → on the selection, as a tree view), every
// root-task group (G, the toolbar), scroll to the next group with spans in the window (] / [), and
// keep the selection in sight (what hides it expands when it is revealed). No React.
import { runInSlices } from '../../base/time-slices';
import {
  childrenOf,
  childrenSteps,
  GroupRows,
  SLICE_FROM_SPANS,
  type CollapseState,
  type GroupTable,
  type GroupView,
} from '../../model/group-rows';
import { drawnRows, hasChildren, nextGroupRow, rootOf } from '../../model/lane-groups';
import type { LaneLayout } from '../../model/lanes';
import type { GroupSpan } from '../../store/view-state';
import { rowCssOf } from './geometry';
import { groupMark } from './group-marks';
import type { Hit } from './hit-test';
import type { RowSubset } from './scene-types';
import type { TimelineController } from './timeline-controller';

/**
 * Builds the children lists a collapse walks (group-rows.ts: the span tree's when no filter is
 * set, else the layout's) in slices when the page is idle, so a collapse only pays for its
 * subtrees and drawn rows. Returns a cancel.
 */
export function prepareGroups(layout: LaneLayout, table: GroupTable): () => void {
  const abort = new AbortController();
  const build = () => {
    if (childrenOf(layout, table)) return;
    runInSlices(childrenSteps(layout, table), abort.signal).catch(
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

/** `span` as the store names it: its id, and whether it is a root task. */
const groupSpan = (c: TimelineController, span: number): GroupSpan => ({
  spanId: c.data!.table.spanId[span],
  root: c.data!.layout.parent[span] < 0,
});

/** Whether the view's state collapses `span` (a root: `all` unless flipped; others: flipped). */
function isCollapsed(c: TimelineController, span: number): boolean {
  const { all, flipped } = collapseState(c);
  return (all && c.data!.layout.parent[span] < 0) !== flipped.has(c.data!.table.spanId[span]);
}

/** Whether placed `span` has children to collapse (the triangles' test: group-marks.ts). */
function collapsible(c: TimelineController, span: number): boolean {
  const d = c.data;
  return !!d && placed(c, span) >= 0 && hasChildren(d.layout, d.table, span);
}

/** Whether `span` lies inside `ancestor`'s time extent (a collapse of the ancestor hides it). */
function insideOf(c: TimelineController, span: number, ancestor: number): boolean {
  const { beginNs, endNs } = c.data!.table;
  return beginNs[span] >= beginNs[ancestor] && endNs[span] <= endNs[ancestor];
}

/** Whether collapsing `ancestor` hides `span`: a descendant inside its extent. */
function hiddenBy(c: TimelineController, span: number, ancestor: number): boolean {
  const { parent } = c.data!.layout;
  if (placed(c, span) < 0 || span === ancestor || !insideOf(c, span, ancestor)) return false;
  for (let p = parent[span], steps = 0; p >= 0 && steps < parent.length; p = parent[p], steps++)
    if (p === ancestor) return true;
  return false;
}

/** The root of placed span `span`'s group when it has descendants, else -1. */
function groupRoot(c: TimelineController, span: number): number {
  const d = c.data;
  if (!d || placed(c, span) < 0) return -1;
  const root = rootOf(d.layout.parent, span);
  return root !== span || hasChildren(d.layout, d.table, root) ? root : -1;
}

/**
 * Collapses (true), expands (false) or toggles (absent) `span`'s subtree (a root's group or an
 * inner span's); collapsing it when the selection is among what it hides selects it, so the
 * selection stays in sight. Returns whether anything changed. Reads the view's state, not the
 * rows drawn (on large those follow in slices).
 */
export function toggleGroup(c: TimelineController, span: number, collapse?: boolean): boolean {
  if (!collapsible(c, span)) return false;
  const collapsed = isCollapsed(c, span);
  const next = collapse ?? !collapsed;
  if (next === collapsed) return false;
  const state = c.store.getState();
  state.setGroupCollapsed([groupSpan(c, span)], next);
  if (next && hiddenBy(c, state.selected, span)) state.select(span);
  return true;
}

/**
 * ← (collapse) / → (expand) on the selected span, as a tree view: ← collapses an expanded span
 * with children, and on a leaf or a collapsed span selects its parent (which the next ←
 * collapses); → expands a collapsed span, and on an expanded one selects its first child (the
 * earliest placed). Returns whether anything changed.
 */
export function toggleSelectedGroup(c: TimelineController, collapse: boolean): boolean {
  const { selected } = c.store.getState();
  if (placed(c, selected) < 0) return false;
  if (toggleGroup(c, selected, collapse)) return true;
  const next = collapse ? c.data!.layout.parent[selected] : firstChild(c, selected);
  if (next < 0) return false;
  c.store.getState().select(next);
  return true;
}

/**
 * The earliest placed child of `span` in the layout (rows are in begin order), or -1: one pass
 * over the layout's parents (a few ms on large, once per key press).
 */
function firstChild(c: TimelineController, span: number): number {
  const { parent, row } = c.data!.layout;
  for (let i = 0; i < parent.length; i++) if (parent[i] === span && row[i] >= 0) return i;
  return -1;
}

/**
 * Collapses or expands every root-task group (G, the toolbar); inner spans all expand. Collapsing
 * keeps the selected span's group open, so the selection stays in sight.
 */
export function setAllGroups(c: TimelineController, collapse: boolean): void {
  const state = c.store.getState();
  state.setGroupsCollapsed(collapse);
  const root = groupRoot(c, state.selected);
  if (!collapse || root < 0 || root === state.selected) return;
  state.setGroupCollapsed([groupSpan(c, root)], false);
  revealWhenBuilt(c, state.selected);
  c.revealRow(state.selected);
}

/**
 * Expands what hides `span` (a span picked in the tree, the search, the details): each collapsed
 * ancestor whose extent holds it, in one change of the store.
 */
export function showGroupOf(c: TimelineController, span: number): void {
  const d = c.data;
  if (!d || placed(c, span) < 0) return;
  const hiding: GroupSpan[] = [];
  const { parent } = d.layout;
  for (let a = parent[span], steps = 0; a >= 0 && steps < parent.length; a = parent[a], steps++)
    if (isCollapsed(c, a) && insideOf(c, span, a)) hiding.push(groupSpan(c, a));
  if (hiding.length === 0) return;
  c.store.getState().setGroupCollapsed(hiding, false);
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
