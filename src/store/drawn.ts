// A table's first frame: the work a load does behind its first view (the database's rows and
// indexing, the histogram from the span table) waits until the timeline has drawn the table the
// view shows. On two cores that work otherwise runs beside the view's build and between the view
// and its frame (medium: the histogram's quantiles, the spans packed for the database and the
// events' Arrow rows took ~40% of the main thread from the first view to its frame). A timeline
// that draws nothing (hidden, or no canvas) cannot hold it back for more than `capMs`. No React.
import type { StoreApi } from 'zustand/vanilla';
import { nextTask } from '../base/time-slices';
import type { SpanTable } from '../model/span-table';
import type { ViewState } from './view-state';

/** How long work behind a first view waits for its frame at most. */
export const FIRST_FRAME_CAP_MS = 1000;

interface Timer {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

const globalTimer: Timer = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
};

/**
 * Resolves once the timeline has drawn a frame of `table`, the view shows another table (no frame
 * of this one will come), or `capMs` after the call; at once for no table.
 */
export function whenDrawn(
  view: StoreApi<ViewState>,
  table: SpanTable | null,
  capMs = FIRST_FRAME_CAP_MS,
  timer: Timer = globalTimer,
): Promise<void> {
  const over = (s: ViewState) => !table || s.drawn === table || s.spans !== table;
  if (over(view.getState())) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      stop();
      timer.clearTimeout(cap);
      resolve();
    };
    // in a task after the frame's own (the frame is drawn in an animation frame callback: work
    // begun in its microtasks would hold back its paint)
    const stop = view.subscribe((s) => {
      if (!over(s)) return;
      stop();
      void nextTask().then(done);
    });
    const cap = timer.setTimeout(done, capMs);
  });
}
