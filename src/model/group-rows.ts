// The rows the lanes draw under the view's collapse state (span-collapse.ts, lane-groups.ts),
// memoized on the last layout and state asked (every frame asks). Building them is O(n): a layout
// of fewer than SLICE_FROM_SPANS spans is built at once (a few ms); a larger one, when the caller
// can wait, in slices across tasks (base/time-slices.ts: on large, finding the flipped ids and the
// drawn rows take 50–100 ms in all, more than one task may), showing the last rows built for the
// same layout meanwhile and calling `onReady` when the new ones are in. The children lists the
// collapse walks are the span tree's when its parents are the layout's (no filter: computed ahead,
// view-cache.ts), else built once per layout. Pure apart from the timers: no DOM.
import { runAtOnce, runInSlices, type Steps } from '../base/time-slices';
import { drawnRowsSteps, type RowSet } from './lane-groups';
import type { LaneLayout } from './lanes';
import { collapseSteps, layoutChildrenSteps, type Children } from './span-collapse';
import type { SpanTable } from './span-table';
import { treePartsOf } from './view-cache';

/** What the lanes draw under a collapse state: the drawn rows, and the collapse when any. */
export interface GroupView {
  rows: RowSet;
  /** 1 at each span a collapsed ancestor hides, or null when nothing is hidden. */
  hidden: Uint8Array | null;
  /** 1 at each drawn collapsed span with children, or null. */
  collapsed: Uint8Array | null;
  /** How many spans each drawn collapsed span hides, or null. */
  hiddenCount: Int32Array | null;
}

/**
 * The collapse state of the view store: every root task one way (`all`), and the spans whose ids
 * are `flipped` the other way: a root flipped is expanded when `all`, collapsed otherwise; any
 * other span flipped is collapsed.
 */
export interface CollapseState {
  all: boolean;
  flipped: ReadonlySet<bigint>;
}

/** The table columns groups read. */
export type GroupTable = Pick<SpanTable, 'spanId' | 'beginNs' | 'endNs'>;

/** Layouts this large build their rows in slices when the caller can wait. */
export const SLICE_FROM_SPANS = 1 << 18;

const sameState = (a: CollapseState, b: CollapseState) =>
  a.all === b.all && a.flipped === b.flipped;

/** The view of `layout` with nothing collapsed. */
export const expandedView = (layout: LaneLayout): GroupView => ({
  rows: layout,
  hidden: null,
  collapsed: null,
  hiddenCount: null,
});

/** Spans a step of the id scan reads. */
const SPANS_PER_STEP = 1 << 16;

const childrenByLayout = new WeakMap<LaneLayout, Children>();

/** The children lists of `layout`'s parents when known (the span tree's, or built before). */
export function childrenOf(layout: LaneLayout, table: GroupTable): Children | undefined {
  const tree = treePartsOf(table as SpanTable)?.tree;
  if (tree && tree.parentIndex === layout.parent) return tree;
  return childrenByLayout.get(layout);
}

/** The children lists of `layout`'s parents, as steps (nothing to do when known). */
export function* childrenSteps(layout: LaneLayout, table: GroupTable): Steps<Children> {
  const known = childrenOf(layout, table);
  if (known) return known;
  const built = yield* layoutChildrenSteps(layout);
  childrenByLayout.set(layout, built);
  return built;
}

/** The rows whose span id is one of `ids`, ascending: a scan of the ids' 32-bit words. */
export function* rowsWithIdsSteps(
  spanId: BigInt64Array,
  ids: ReadonlySet<bigint>,
): Steps<number[]> {
  const words = new Uint32Array(spanId.buffer, spanId.byteOffset, spanId.length * 2);
  const highWords = new Map<number, number[]>(); // by low word
  for (const id of ids) {
    const low = Number(BigInt.asUintN(32, id));
    const list = highWords.get(low) ?? [];
    list.push(Number(BigInt.asUintN(32, id >> 32n)));
    highWords.set(low, list);
  }
  const out: number[] = [];
  for (let from = 0; from < spanId.length; from += SPANS_PER_STEP) {
    const to = Math.min(spanId.length, from + SPANS_PER_STEP);
    for (let i = from; i < to; i++) {
      const high = highWords.get(words[2 * i]);
      if (high && high.includes(words[2 * i + 1])) out.push(i);
    }
    yield;
  }
  return out;
}

/**
 * The collapsed spans under `state`: the placed roots when `all` (the children lists' own, not
 * copied), and the flipped spans the other way.
 */
function collapsedSpans(
  layout: LaneLayout,
  children: Children,
  all: boolean,
  flipped: number[],
): { spans: ArrayLike<number>[]; isCollapsed: Uint8Array } {
  const n = layout.parent.length;
  const isCollapsed = new Uint8Array(n);
  const roots = children.childIndex.subarray(children.childStart[n], children.childStart[n + 1]);
  if (all) for (let k = 0; k < roots.length; k++) isCollapsed[roots[k]] = 1;
  const spans: number[] = [];
  for (const i of flipped) {
    if (layout.row[i] < 0) continue;
    isCollapsed[i] = all && layout.parent[i] < 0 ? 0 : 1;
    if (isCollapsed[i]) spans.push(i);
  }
  return { spans: all ? [roots, spans] : [spans], isCollapsed };
}

/** The GroupView of `layout` under `state`, as steps. */
export function* groupViewSteps(
  layout: LaneLayout,
  table: GroupTable,
  state: CollapseState,
): Steps<GroupView> {
  if (!state.all && state.flipped.size === 0) return expandedView(layout);
  const children = yield* childrenSteps(layout, table);
  const flipped =
    state.flipped.size > 0 ? yield* rowsWithIdsSteps(table.spanId, state.flipped) : [];
  const { spans, isCollapsed } = collapsedSpans(layout, children, state.all, flipped);
  const c = yield* collapseSteps(layout, table, children, spans, isCollapsed);
  if (!c) return expandedView(layout);
  const rows = yield* drawnRowsSteps(layout, c.hidden);
  return { rows, ...c };
}

interface Built {
  layout: LaneLayout;
  state: CollapseState;
  view: GroupView;
}

export class GroupRows {
  private built: Built | null = null;
  private job: { layout: LaneLayout; state: CollapseState; abort: AbortController } | null = null;

  constructor(private readonly sliceFromSpans = SLICE_FROM_SPANS) {}

  /**
   * The GroupView of `layout` under `state`. Without `onReady`, or for a small layout, built now;
   * else built in slices, and meanwhile the last view built for this layout (or the expanded one).
   */
  of(layout: LaneLayout, table: GroupTable, state: CollapseState, onReady?: () => void): GroupView {
    const b = this.built;
    if (b && b.layout === layout && sameState(b.state, state)) return b.view;
    const steps = groupViewSteps(layout, table, state);
    if (!onReady || layout.row.length < this.sliceFromSpans) {
      this.cancel();
      return this.keep({ layout, state, view: runAtOnce(steps) });
    }
    const j = this.job;
    if (!j || j.layout !== layout || !sameState(j.state, state))
      this.start(layout, state, steps, onReady);
    return b && b.layout === layout ? b.view : expandedView(layout);
  }

  private start(
    layout: LaneLayout,
    state: CollapseState,
    steps: Steps<GroupView>,
    onReady: () => void,
  ): void {
    this.cancel();
    const job = { layout, state, abort: new AbortController() };
    this.job = job;
    runInSlices(steps, job.abort.signal).then(
      (view) => {
        if (this.job !== job) return;
        this.job = null;
        this.keep({ layout, state, view });
        onReady();
      },
      () => {}, // aborted: a newer state took its place
    );
  }

  private keep(built: Built): GroupView {
    this.built = built;
    return built.view;
  }

  private cancel(): void {
    this.job?.abort.abort();
    this.job = null;
  }
}
