// The duration histogram of the spans a selection keeps (filters, range, call path), computed
// from the span table's columns when the selection is not the plain (process, name) the SQL
// answers: the same bins (binOfNs) and the same quantile definitions (quantile_cont and quantile_disc, quantile.ts)
// as src/queries/histogram.ts, so both give equal histograms for the same spans (a test checks).
// `histogramOfSpans` gathers the rows at once; `histogramInSlices` in ranges, yielding to the
// event loop between them when a slice runs long (large: 1.76M spans, ~240 ms in one task
// before), for the main thread. Both give the same histogram. No React, no DuckDB.
import { rangeSteps, runAtOnce, runInSlices, type Steps } from '../base/time-slices';

/** The percentiles a histogram reports (p50, p90, p99). */
const QUANTILES = [0.5, 0.9, 0.99];
import { BIN_COUNT, binOfNs, type DurationHistogram } from './histogram';
import { quantilesDiscSteps, quantilesSteps } from './quantile';
import { SPAN_COMPLETE, type SpanTable } from './span-table';

/** The durations and bin counts of the spans of `nameIndex` (-1: every name) `mask` keeps. */
export class SpanDurations {
  // a typed array of the rows' durations (no per-span JS number array), bins counted in place
  private readonly values: Float64Array;
  private readonly binCounts = new Float64Array(BIN_COUNT);
  private count = 0;
  private excludedCount = 0;
  private minNs = Infinity;
  private maxNs = -Infinity;

  constructor(
    private readonly table: SpanTable,
    private readonly mask: Uint8Array | null,
    private readonly nameIndex: number,
  ) {
    this.values = new Float64Array(table.length);
  }

  /** Gathers rows [from, to); ranges must come in row order, each once. */
  add(from: number, to: number): void {
    const { table, mask, nameIndex, values, binCounts } = this;
    let { count, excludedCount, minNs, maxNs } = this;
    for (let row = from; row < to; row++) {
      if ((mask && !mask[row]) || (nameIndex >= 0 && table.nameIndex[row] !== nameIndex)) continue;
      if (table.state[row] !== SPAN_COMPLETE) {
        excludedCount++;
        continue;
      }
      const ns = table.endNs[row] - table.beginNs[row];
      values[count++] = ns;
      binCounts[binOfNs(ns)]++;
      if (ns < minNs) minNs = ns;
      if (ns > maxNs) maxNs = ns;
    }
    this.count = count;
    this.excludedCount = excludedCount;
    this.minNs = minNs;
    this.maxNs = maxNs;
  }

  /** The histogram of the rows gathered (reorders the durations: call it once, at the end). */
  histogram(): DurationHistogram {
    return runAtOnce(this.histogramSteps());
  }

  /**
   * histogram() in steps: the selection of each quantile in steps of its own (a quantile's value
   * does not depend on how earlier selections left the durations ordered: one at a time gives the
   * same values).
   */
  *histogramSteps(): Steps<DurationHistogram> {
    const { binCounts, excludedCount, minNs, maxNs } = this;
    const durations = this.values.subarray(0, this.count);
    const cont: number[] = [];
    const disc: number[] = [];
    for (const q of QUANTILES) cont.push((yield* quantilesSteps(durations, [q]))[0]);
    for (const q of QUANTILES) disc.push((yield* quantilesDiscSteps(durations, [q]))[0]);
    const [p50Ns, p90Ns, p99Ns] = cont;
    const [p50Disc, p90Disc, p99Disc] = disc;
    const empty = durations.length === 0;
    const bins: DurationHistogram['bins'] = [];
    binCounts.forEach((n, bin) => n > 0 && bins.push({ bin, count: n }));
    return {
      bins,
      count: durations.length,
      excludedCount,
      p50Ns,
      p90Ns,
      p99Ns,
      discrete: { p50Ns: p50Disc, p90Ns: p90Disc, p99Ns: p99Disc },
      minNs: empty ? NaN : minNs,
      maxNs: empty ? NaN : maxNs,
    };
  }
}

/** histogramOfSpans in steps: rows gathered `rowsPerStep` at a time, then one quantile a step. */
function* histogramOfSpansSteps(
  table: SpanTable,
  mask: Uint8Array | null,
  nameIndex: number,
  rowsPerStep?: number,
): Steps<DurationHistogram> {
  const durations = new SpanDurations(table, mask, nameIndex);
  yield* rangeSteps(table.length, (from, to) => durations.add(from, to), rowsPerStep);
  return yield* durations.histogramSteps();
}

/** Histogram of the spans of `nameIndex` (-1: every name) that `mask` keeps (null: all). */
export function histogramOfSpans(
  table: SpanTable,
  mask: Uint8Array | null,
  nameIndex: number,
): DurationHistogram {
  return runAtOnce(histogramOfSpansSteps(table, mask, nameIndex));
}

/** histogramOfSpans across tasks, yielding to the event loop between slices of steps. */
export function histogramInSlices(
  table: SpanTable,
  mask: Uint8Array | null,
  nameIndex: number,
  rowsPerStep?: number,
): Promise<DurationHistogram> {
  return runInSlices(histogramOfSpansSteps(table, mask, nameIndex, rowsPerStep));
}
