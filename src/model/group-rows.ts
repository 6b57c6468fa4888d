// The rows the lanes draw under the view's collapse state (lane-groups.ts), memoized on the last
// layout and state asked (every frame asks). Building them is O(n): a layout of fewer than
// SLICE_FROM_SPANS spans is built at once (a few ms); a larger one, when the caller can wait, in
// slices across tasks (base/time-slices.ts: large's group links and drawn rows take 50–100 ms in
// all, more than one task may), showing the last rows built for the same layout meanwhile and
// calling `onReady` when the new ones are in. Pure apart from the timers: no DOM.
import { runAtOnce, runInSlices, type Steps } from '../base/time-slices';
import {
  collapsedMaskSteps,
  drawnRowsSteps,
  groupLinksSteps,
  rememberLinks,
  remembered,
  type GroupLinks,
  type RowSet,
} from './lane-groups';
import type { LaneLayout } from './lanes';
import type { SpanTable } from './span-table';

/** What the lanes draw under a collapse state: the drawn rows, and the groups when any collapse. */
export interface GroupView {
  rows: RowSet;
  /** Group links (null while nothing collapses: they are only built when needed). */
  link: GroupLinks | null;
  /** Collapsed roots (collapsedMask), or null. */
  collapsed: Uint8Array | null;
}

/** The collapse state of the view store: every root one way, the listed root span ids the other. */
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

/** The GroupView of `layout` under `state`, as steps. */
export function* groupViewSteps(
  layout: LaneLayout,
  table: GroupTable,
  state: CollapseState,
): Steps<GroupView> {
  const { spanId } = table;
  if (!state.all && state.flipped.size === 0) return { rows: layout, link: null, collapsed: null };
  let link = remembered(layout);
  if (!link) link = rememberLinks(layout, yield* groupLinksSteps(layout, table));
  const flipped = state.flipped.size > 0 ? (r: number) => state.flipped.has(spanId[r]) : null;
  const collapsed = yield* collapsedMaskSteps(link, state.all, flipped);
  const rows = yield* drawnRowsSteps(layout, link, collapsed);
  return { rows, link, collapsed };
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
    return b && b.layout === layout ? b.view : { rows: layout, link: null, collapsed: null };
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
