// The duration histogram of the spans a selection keeps (filters, range, call path), computed
// from the span table's columns when the selection is not the plain (process, name) the SQL
// answers: the same bins (binOfNs) and the same quantile definitions (quantile_cont and quantile_disc, quantile.ts)
// as src/queries/histogram.ts, so both give equal histograms for the same spans (a test checks).
// Pure: no React, no DuckDB.
import { BIN_COUNT, binOfNs, type DurationHistogram } from './histogram';
import { quantilesDiscInPlace, quantilesInPlace } from './quantile';
import { SPAN_COMPLETE, type SpanTable } from './span-table';

/** Histogram of the spans of `nameIndex` (-1: every name) that `mask` keeps (null: all). */
export function histogramOfSpans(
  table: SpanTable,
  mask: Uint8Array | null,
  nameIndex: number,
): DurationHistogram {
  // one pass over the rows into a typed array (no per-span JS number array), bins counted in place
  const values = new Float64Array(table.length);
  const binCounts = new Float64Array(BIN_COUNT);
  let count = 0;
  let excludedCount = 0;
  let minNs = Infinity;
  let maxNs = -Infinity;
  for (let row = 0; row < table.length; row++) {
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
  return summary(values.subarray(0, count), binCounts, excludedCount, minNs, maxNs);
}

function summary(
  durations: Float64Array,
  binCounts: Float64Array,
  excludedCount: number,
  minNs: number,
  maxNs: number,
): DurationHistogram {
  const [p50Ns, p90Ns, p99Ns] = quantilesInPlace(durations, [0.5, 0.9, 0.99]);
  const [p50Disc, p90Disc, p99Disc] = quantilesDiscInPlace(durations, [0.5, 0.9, 0.99]);
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
