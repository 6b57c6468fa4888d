// Quantiles of sorted durations, defined as DuckDB's quantile_cont (the duration histogram's
// p50/p90/p99, src/queries/histogram.ts): position (n − 1)·q, linear interpolation between the
// two closest ranks as DuckDB 1.4 computes it, lo·(1 − f) + hi·f in IEEE doubles (the form
// lo + (hi − lo)·f differs in the last bit for some inputs; a test compares with DuckDB). The
// selections are also steps (base/time-slices.ts): one over large's 1.76M durations took ~30 ms
// in one task. Pure.
import { runAtOnce, type Steps } from '../base/time-slices';

/** Continuous quantile `q` (0…1) of ascending `sorted`; NaN when it is empty. */
export function quantileCont(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const position = (n - 1) * q;
  const lo = Math.floor(position);
  const hi = Math.ceil(position);
  if (lo === hi) return sorted[lo];
  const f = position - lo;
  return sorted[lo] * (1 - f) + sorted[hi] * f;
}

/** Values a selection passes over between two steps (< 1 ms). */
const VALUES_PER_STEP = 1 << 16;

/**
 * Rearranges a[lo..hi] so that a[k] holds the value it would hold sorted (quickselect), pausing
 * after every VALUES_PER_STEP values a partition passes.
 */
function* selectSteps(a: Float64Array, k: number, lo: number, hi: number): Steps<void> {
  while (hi > lo) {
    // Median of three as the pivot keeps sorted and reversed runs linear.
    const mid = (lo + hi) >>> 1;
    const pivot = Math.max(Math.min(a[lo], a[mid]), Math.min(Math.max(a[lo], a[mid]), a[hi]));
    let i = lo;
    let j = hi;
    let stepAt = lo + VALUES_PER_STEP;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i++] = a[j];
        a[j--] = t;
      }
      if (i + (hi - j) >= stepAt) {
        stepAt += VALUES_PER_STEP;
        yield;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/**
 * quantileCont of `values` for each of `qs` (ascending) without sorting them: each needed rank
 * is selected in place (expected O(n) per quantile), so `values` is reordered. NaNs for none.
 */
export function quantilesInPlace(values: Float64Array, qs: number[]): number[] {
  return runAtOnce(quantilesSteps(values, qs));
}

/** quantilesInPlace as steps. */
export function* quantilesSteps(values: Float64Array, qs: number[]): Steps<number[]> {
  const n = values.length;
  if (n === 0) return qs.map(() => NaN);
  let from = 0;
  const out: number[] = [];
  for (const q of qs) {
    const position = (n - 1) * q;
    const lo = Math.floor(position);
    const hi = Math.ceil(position);
    yield* selectSteps(values, lo, from, n - 1);
    from = lo;
    if (lo === hi) {
      out.push(values[lo]);
      continue;
    }
    // Everything after lo is ≥ values[lo]: the next rank is their minimum.
    let next = Infinity;
    for (let k = lo + 1; k < n; k++) {
      if ((k - lo) % VALUES_PER_STEP === 0) yield;
      if (values[k] < next) next = values[k];
    }
    const f = position - lo;
    out.push(values[lo] * (1 - f) + next * f);
  }
  return out;
}

/**
 * DuckDB's quantile_disc of `values` for each of `qs`: the nearest rank, the value at sorted index
 * ceil(n·q) − 1 (the duration histogram's discrete percentiles), selected in place. NaNs for none.
 */
export function quantilesDiscInPlace(values: Float64Array, qs: number[]): number[] {
  return runAtOnce(quantilesDiscSteps(values, qs));
}

/** quantilesDiscInPlace as steps. */
export function* quantilesDiscSteps(values: Float64Array, qs: number[]): Steps<number[]> {
  const n = values.length;
  const out: number[] = [];
  for (const q of qs) {
    if (n === 0) {
      out.push(NaN);
      continue;
    }
    const rank = Math.min(n - 1, Math.max(0, Math.ceil(n * q) - 1));
    yield* selectSteps(values, rank, 0, n - 1);
    out.push(values[rank]);
  }
  return out;
}
