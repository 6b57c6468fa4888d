// Level of detail for the timeline: what to draw for one lane row, or one thread's event markers,
// in whole device pixels. Spans narrower than a pixel merge into runs per pixel column, and runs of
// a row are found by binary search, so the work per row is bounded by its pixel columns, not by its
// span count. Pure, on columns: no DOM, no canvas.

/** The horizontal mapping of a frame: time → device pixel column. */
export interface PixelView {
  startNs: number;
  nsPerPx: number;
  /** Columns 0 .. widthPx - 1 are on screen. */
  widthPx: number;
}

/**
 * Items of one row, in time order, reused between frames: columns [x0Px, x1Px) clipped to the
 * view; `count` spans merged (1: a single span, drawn with its own colour, label and markers).
 */
export class RunList {
  length = 0;
  x0Px = new Int32Array(256);
  x1Px = new Int32Array(256);
  span = new Int32Array(256);
  count = new Int32Array(256);

  clear(): void {
    this.length = 0;
  }

  push(x0Px: number, x1Px: number, span: number, count: number): void {
    if (this.length === this.span.length) this.grow();
    const k = this.length++;
    this.x0Px[k] = x0Px;
    this.x1Px[k] = x1Px;
    this.span[k] = span;
    this.count[k] = count;
  }

  private grow(): void {
    const size = this.span.length * 2;
    for (const key of ['x0Px', 'x1Px', 'span', 'count'] as const) {
      const next = new Int32Array(size);
      next.set(this[key]);
      this[key] = next;
    }
  }
}

export function xPx(view: PixelView, timeNs: number): number {
  return (timeNs - view.startNs) / view.nsPerPx;
}

/** The pixel columns a span touches: [floor(x(begin)), max(that + 1, ceil(x(end)))). */
export function spanColumns(view: PixelView, beginNs: number, endNs: number): [number, number] {
  const c0 = Math.floor(xPx(view, beginNs));
  return [c0, Math.max(c0 + 1, Math.ceil(xPx(view, endNs)))];
}

/** First k in [lo, hi) with values[ids[k]] >= target (ids sorted by that value), else hi. */
export function lowerBound(
  ids: Int32Array,
  lo: number,
  hi: number,
  values: Float64Array,
  target: number,
): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[ids[mid]] < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * lowerBound for a target usually a few items past `lo` (the next pixel column): looks at steps
 * of 1, 2, 4… then searches the last step, O(log distance) instead of O(log (hi − lo)) per call.
 */
export function gallop(
  ids: Int32Array,
  lo: number,
  hi: number,
  values: Float64Array,
  target: number,
): number {
  let step = 1;
  let probe = lo;
  while (probe < hi && values[ids[probe]] < target) {
    lo = probe + 1;
    probe = lo + step;
    step *= 2;
  }
  return lowerBound(ids, lo, Math.min(probe, hi), values, target);
}

/**
 * Fills `out` with what to draw of the spans ids[lo .. hi): spans that do not overlap each other,
 * sorted by begin (so by end too), as in one lane row. A span at least one pixel wide is its own
 * item; narrower spans merge while their columns touch. Spans wholly inside a run's columns are
 * skipped by binary search, so the cost is O(items × log spans).
 */
export function rowRuns(
  ids: Int32Array,
  lo: number,
  hi: number,
  beginNs: Float64Array,
  endNs: Float64Array,
  view: PixelView,
  out: RunList,
): void {
  out.clear();
  const viewEndNs = view.startNs + view.widthPx * view.nsPerPx;
  let k = lowerBound(ids, lo, hi, endNs, view.startNs);
  let run = -1; // index in `out` of the open run of narrow spans
  while (k < hi) {
    const i = ids[k];
    if (beginNs[i] > viewEndNs) break;
    // spanColumns, without a pair per span (a frame passes ~10^4 spans of the rows shown)
    const b = xPx(view, beginNs[i]);
    const e = xPx(view, endNs[i]);
    const c0 = Math.floor(b);
    const x0 = Math.max(0, c0);
    const x1 = Math.min(view.widthPx, Math.max(c0 + 1, Math.ceil(e)));
    if (x1 <= x0) {
      k++; // touches the view only at its edge
      continue;
    }
    if (e - b >= 1) {
      out.push(x0, x1, i, 1);
      run = -1;
      k++;
      continue;
    }
    run = addNarrow(out, run, x0, x1, i);
    // Spans that begin before the run's last column ends and are not the last such span lie
    // wholly inside the run (they end before the next one begins): count them without a look.
    const edgeNs = view.startNs + out.x1Px[run] * view.nsPerPx;
    const next = gallop(ids, k + 1, hi, beginNs, edgeNs);
    if (next - 1 > k + 1) out.count[run] += next - 1 - (k + 1);
    k = Math.max(k + 1, next - 1);
  }
}

/** Extends the open run with a narrow span when their columns touch, else opens a new run. */
function addNarrow(out: RunList, run: number, x0: number, x1: number, span: number): number {
  if (run >= 0 && x0 <= out.x1Px[run]) {
    out.x1Px[run] = Math.max(out.x1Px[run], x1);
    out.count[run]++;
    return run;
  }
  out.push(x0, x1, span, 1);
  return out.length - 1;
}

/** Span indices of a row that overlap [fromNs, toNs] (closed), for hit tests and labels. */
export function spansInRange(
  ids: Int32Array,
  lo: number,
  hi: number,
  beginNs: Float64Array,
  endNs: Float64Array,
  fromNs: number,
  toNs: number,
): [number, number] {
  const first = lowerBound(ids, lo, hi, endNs, fromNs);
  let last = first;
  while (last < hi && beginNs[ids[last]] <= toNs) last++;
  return [first, last];
}

/**
 * Markers of one thread's events (times sorted ascending): per pixel column, how many events fall
 * in it; consecutive columns with the same count class merge into one item. `span` is the event's
 * span when the item holds exactly one event, else -1.
 */
export function eventRuns(
  timesNs: Float64Array,
  spans: Int32Array,
  view: PixelView,
  out: RunList,
): void {
  out.clear();
  let k = lowerBoundTimes(timesNs, 0, view.startNs);
  for (let col = 0; col < view.widthPx && k < timesNs.length;) {
    const firstCol = Math.max(col, Math.floor(xPx(view, timesNs[k])));
    if (firstCol >= view.widthPx) break;
    const colEndNs = view.startNs + (firstCol + 1) * view.nsPerPx;
    const next = gallopTimes(timesNs, k, colEndNs);
    const count = next - k;
    const last = out.length - 1;
    const merge =
      last >= 0 && out.x1Px[last] === firstCol && countClass(out.count[last]) === countClass(count);
    if (merge && count > 1 && out.count[last] > 1) {
      out.x1Px[last] = firstCol + 1;
      out.count[last] += count;
    } else {
      out.push(firstCol, firstCol + 1, count === 1 ? spans[k] : -1, count);
    }
    k = next;
    col = firstCol + 1;
  }
}

/** 1, 2–3, 4–15, 16+: how dense a column of event markers is drawn. */
export function countClass(count: number): number {
  return count <= 1 ? 0 : count < 4 ? 1 : count < 16 ? 2 : 3;
}

/** First k in [lo, hi) with times[k] >= target in ascending `times`, else hi. */
export function lowerBoundTimes(
  times: Float64Array,
  lo: number,
  target: number,
  hi = times.length,
): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** lowerBoundTimes over the rest of `times` for a target usually near `lo` (see gallop). */
export function gallopTimes(times: Float64Array, lo: number, target: number): number {
  let step = 1;
  let probe = lo;
  while (probe < times.length && times[probe] < target) {
    lo = probe + 1;
    probe = lo + step;
    step *= 2;
  }
  return lowerBoundTimes(times, lo, target, Math.min(probe, times.length));
}
