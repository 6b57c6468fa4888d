// The duration histogram of the spans a selection keeps (filters, range, call path), computed
// from the span table's columns when the selection is not the plain (process, name) the SQL
// answers: the same bins (binOfNs) and the same quantile definitions (quantile_cont and quantile_disc, quantile.ts)
// as src/queries/histogram.ts, so both give equal histograms for the same spans (a test checks).
// Pure: no React, no DuckDB.
import { binOfNs, type DurationHistogram } from './histogram';
import { quantilesDiscInPlace, quantilesInPlace } from './quantile';
import { SPAN_COMPLETE, type SpanTable } from './span-table';

/** Histogram of the spans of `nameIndex` (-1: every name) that `mask` keeps (null: all). */
export function histogramOfSpans(
  table: SpanTable,
  mask: Uint8Array | null,
  nameIndex: number,
): DurationHistogram {
  const durations: number[] = [];
  let excludedCount = 0;
  for (let row = 0; row < table.length; row++) {
    if ((mask && !mask[row]) || (nameIndex >= 0 && table.nameIndex[row] !== nameIndex)) continue;
    if (table.state[row] !== SPAN_COMPLETE) excludedCount++;
    else durations.push(table.endNs[row] - table.beginNs[row]);
  }
  const counts = new Map<number, number>();
  let minNs = Infinity;
  let maxNs = -Infinity;
  for (const ns of durations) {
    const bin = binOfNs(ns);
    counts.set(bin, (counts.get(bin) ?? 0) + 1);
    if (ns < minNs) minNs = ns;
    if (ns > maxNs) maxNs = ns;
  }
  const values = Float64Array.from(durations);
  const [p50Ns, p90Ns, p99Ns] = quantilesInPlace(values, [0.5, 0.9, 0.99]);
  const [p50Disc, p90Disc, p99Disc] = quantilesDiscInPlace(values, [0.5, 0.9, 0.99]);
  const empty = durations.length === 0;
  return {
    bins: [...counts.entries()].sort(([a], [b]) => a - b).map(([bin, count]) => ({ bin, count })),
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
