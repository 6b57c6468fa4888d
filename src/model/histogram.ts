// Duration histogram model: the log-scale bins (their integer nanosecond edges, shared with the
// SQL in src/queries/histogram.ts), the result type, brush ↔ duration-range mapping with
// snapping to bin edges, and the predicate "span is in the brushed range" that the tree and the
// timeline both use. Pure: no React, no DuckDB, no d3.
import { SPAN_COMPLETE, type SpanTable } from './span-table';

/** Bins per decade of duration: bin b covers roughly [10^(b/10), 10^((b+1)/10)) ns. */
export const BINS_PER_DECADE = 10;
/**
 * Bins 0 .. BIN_COUNT-1; the last one also holds everything longer (≥ 10^14.9 ns, 9 days). Above
 * that, DuckDB's pow and JS's ** start to disagree in the last digit of an edge.
 */
export const BIN_COUNT = 150;

export interface HistogramBin {
  bin: number;
  count: number;
}

export interface DurationHistogram {
  /** Non-empty bins, ascending. */
  bins: HistogramBin[];
  /** Complete spans counted. */
  count: number;
  /** Spans of the same selection left out because they are open or orphan ends. */
  excludedCount: number;
  /** Percentiles interpolated between the closest ranks (DuckDB quantile_cont). */
  p50Ns: number;
  p90Ns: number;
  p99Ns: number;
  /** The same percentiles as durations some span has: nearest rank (DuckDB quantile_disc). */
  discrete: Percentiles;
  minNs: number;
  maxNs: number;
}

export interface Percentiles {
  p50Ns: number;
  p90Ns: number;
  p99Ns: number;
}

/** How the histogram's percentiles are computed (see DurationHistogram). */
export type PercentileKind = 'interpolated' | 'discrete';

/** `data` with its p50/p90/p99 of `kind` (the discrete ones replace the interpolated ones). */
export function withPercentiles(data: DurationHistogram, kind: PercentileKind): DurationHistogram {
  return kind === 'discrete' ? { ...data, ...data.discrete } : data;
}

/** Inclusive range of integer durations. */
export interface DurationRangeNs {
  minNs: number;
  maxNs: number;
}

/**
 * Smallest integer duration in bin `b`: 0 for bin 0 (zero-length spans included), else
 * ceil(10^(b/10)). Durations are integers, so d ≥ 10^(b/10) ⟺ d ≥ ceil(10^(b/10)), and the bin
 * of d is floor(10·log10 d) exactly; below 10 ns several bins are empty (no integer inside).
 */
export function binLowNs(b: number): number {
  if (b <= 0) return 0;
  if (b >= BIN_COUNT) return Infinity;
  return Number.isInteger(b) ? BIN_LOWS_NS[b] : lowOf(b);
}

function lowOf(b: number): number {
  return Math.ceil(10 ** (b / BINS_PER_DECADE));
}

/** binLowNs of each bin, computed once: binOfNs runs per span (1.76M on large), ** is slow. */
const BIN_LOWS_NS = Float64Array.from({ length: BIN_COUNT }, (_, b) => (b <= 0 ? 0 : lowOf(b)));

/** The bin of an integer duration; same arithmetic as the SQL (log10, then an exact correction). */
export function binOfNs(durationNs: number): number {
  const rough = Math.floor(Math.log10(Math.max(durationNs, 1)) * BINS_PER_DECADE);
  const b0 = Math.min(Math.max(rough, 0), BIN_COUNT - 1);
  if (b0 < BIN_COUNT - 1 && durationNs >= binLowNs(b0 + 1)) return b0 + 1;
  if (b0 > 0 && durationNs < binLowNs(b0)) return b0 - 1;
  return b0;
}

/** Where bin `b` is drawn on a log axis, which cannot show 0: [max(low, 1), high). */
export function binExtentNs(b: number): [number, number] {
  const high = b >= BIN_COUNT - 1 ? 10 ** (BIN_COUNT / BINS_PER_DECADE) : binLowNs(b + 1);
  return [Math.max(binLowNs(b), 1), high];
}

/** The duration range (ns) the x axis shows for a histogram: whole bins, at least one decade. */
export function histogramDomainNs(h: DurationHistogram): [number, number] {
  if (h.bins.length === 0) return [1, 10];
  const lo = binExtentNs(h.bins[0].bin)[0];
  const hi = binExtentNs(h.bins[h.bins.length - 1].bin)[1];
  return hi / lo >= 10 ? [lo, hi] : [lo, lo * 10];
}

/** The bin whose drawn edge is nearest to `ns` on a log scale (used to snap brush ends). */
function nearestEdgeBin(ns: number): number {
  const b = binOfNs(Math.floor(Math.max(ns, 0)));
  const [lo, hi] = binExtentNs(b);
  return Math.log(ns / lo) <= Math.log(hi / ns) ? b : b + 1;
}

/**
 * The range a brush over [ns0, ns1] (continuous axis values, any order) selects, snapped to bin
 * edges; a brush narrower than a bin selects the bin under its middle. Null when empty.
 */
export function brushToRange(ns0: number, ns1: number): DurationRangeNs | null {
  if (!Number.isFinite(ns0) || !Number.isFinite(ns1)) return null;
  const lo = Math.max(Math.min(ns0, ns1), 1);
  const hi = Math.max(ns0, ns1, 1);
  let first = nearestEdgeBin(lo);
  let end = nearestEdgeBin(hi); // exclusive
  if (end <= first) {
    first = binOfNs(Math.floor(Math.sqrt(lo * hi)));
    end = first + 1;
  }
  if (end > BIN_COUNT) end = BIN_COUNT;
  return { minNs: binLowNs(first), maxNs: end >= BIN_COUNT ? Infinity : binLowNs(end) - 1 };
}

/** Axis values [ns0, ns1] that draw `range`'s brush (inverse of brushToRange for snapped ranges). */
export function rangeToBrushNs(range: DurationRangeNs): [number, number] {
  const first = binOfNs(range.minNs);
  const last = Number.isFinite(range.maxNs) ? binOfNs(range.maxNs) : BIN_COUNT - 1;
  return [binExtentNs(first)[0], binExtentNs(Math.max(first, last))[1]];
}

/** Complete spans (of `nameIndex`, or any name for -1) whose duration lies in `range`. */
export function spanInBrush(
  table: Pick<SpanTable, 'beginNs' | 'endNs' | 'state' | 'nameIndex'>,
  row: number,
  range: DurationRangeNs,
  nameIndex: number,
): boolean {
  if (table.state[row] !== SPAN_COMPLETE) return false;
  if (nameIndex >= 0 && table.nameIndex[row] !== nameIndex) return false;
  const durationNs = table.endNs[row] - table.beginNs[row];
  return durationNs >= range.minNs && durationNs <= range.maxNs;
}

/** Sum of bin counts inside `range` (exact for ranges produced by brushToRange). */
export function countInRange(h: DurationHistogram, range: DurationRangeNs): number {
  let total = 0;
  for (const { bin, count } of h.bins) {
    const low = binLowNs(bin);
    const high = bin >= BIN_COUNT - 1 ? Infinity : binLowNs(bin + 1) - 1;
    if (low >= range.minNs && high <= range.maxNs) total += count;
  }
  return total;
}
