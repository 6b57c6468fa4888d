// Statistics per span name, the rows of the statistics panel and of `weft stats`: over the spans
// a selection mask keeps (all spans when null), complete spans give count, total and self time
// (self: duration minus the merged union of the children, self-time.ts), mean, p50/p90/p99
// (quantile_cont, the histogram's definition, quantile.ts) and max; `migrated` counts the name's migrated
// spans, `open` its open spans and orphan ends. Columnar: two passes over the spans, then the
// quantile ranks selected per name (no sort: 1.76M spans sort in ~0.5 s, select in ~0.05 s). Pure: no React, no DuckDB.
import { quantilesInPlace } from './quantile';
import { SPAN_COMPLETE, type SpanTable } from './span-table';

export interface NameStats {
  nameIndex: number;
  name: string;
  /** Complete spans. */
  count: number;
  totalNs: number;
  selfNs: number;
  /** NaN when count is 0 (the name has only open spans or orphan ends), as the quantiles. */
  meanNs: number;
  p50Ns: number;
  p90Ns: number;
  p99Ns: number;
  maxNs: number;
  /** Spans whose begin and end were seen on different threads. */
  migrated: number;
  /** Open spans and orphan ends. */
  open: number;
}

interface Sums {
  count: Float64Array;
  totalNs: Float64Array;
  selfNs: Float64Array;
  maxNs: Float64Array;
  migrated: Float64Array;
  open: Float64Array;
}

function sumPerName(table: SpanTable, selfNs: Float64Array, mask: Uint8Array | null): Sums {
  const k = table.names.length;
  const s: Sums = {
    count: new Float64Array(k),
    totalNs: new Float64Array(k),
    selfNs: new Float64Array(k),
    maxNs: new Float64Array(k).fill(NaN),
    migrated: new Float64Array(k),
    open: new Float64Array(k),
  };
  const { nameIndex, beginThread, endThread, state, beginNs, endNs } = table; // arrays only
  const { count, totalNs, maxNs, migrated, open } = s;
  const selfSums = s.selfNs;
  for (let row = 0; row < table.length; row++) {
    if (mask && !mask[row]) continue;
    const name = nameIndex[row];
    const b = beginThread[row];
    const e = endThread[row];
    if (b >= 0 && e >= 0 && b !== e) migrated[name]++;
    if (state[row] !== SPAN_COMPLETE) {
      open[name]++;
      continue;
    }
    const ns = endNs[row] - beginNs[row];
    count[name]++;
    totalNs[name] += ns;
    selfSums[name] += selfNs[row];
    if (!(ns <= maxNs[name])) maxNs[name] = ns;
  }
  return s;
}

/** Durations of the kept complete spans grouped by name (in no order within a group). */
function groupedDurations(table: SpanTable, count: Float64Array, mask: Uint8Array | null) {
  const start = new Uint32Array(count.length + 1);
  for (let k = 0; k < count.length; k++) start[k + 1] = start[k] + count[k];
  const cursor = start.slice(0, count.length);
  const durations = new Float64Array(start[count.length]);
  const { state, nameIndex, beginNs, endNs } = table;
  for (let row = 0; row < table.length; row++) {
    if ((mask && !mask[row]) || state[row] !== SPAN_COMPLETE) continue;
    durations[cursor[nameIndex[row]]++] = endNs[row] - beginNs[row];
  }
  return { start, durations };
}

/**
 * One row per name with at least one kept span, by total time (descending), then name.
 * `selfNs` is selfTimesNs(table, buildSpanTree(table)).
 */
export function nameStatistics(
  table: SpanTable,
  selfNs: Float64Array,
  mask: Uint8Array | null,
): NameStats[] {
  const s = sumPerName(table, selfNs, mask);
  const { start, durations } = groupedDurations(table, s.count, mask);
  const rows: NameStats[] = [];
  for (let k = 0; k < table.names.length; k++) {
    if (s.count[k] === 0 && s.open[k] === 0) continue;
    const [p50Ns, p90Ns, p99Ns] = quantilesInPlace(
      durations.subarray(start[k], start[k + 1]),
      [0.5, 0.9, 0.99],
    );
    rows.push({
      nameIndex: k,
      name: table.names[k],
      count: s.count[k],
      totalNs: s.totalNs[k],
      selfNs: s.selfNs[k],
      meanNs: s.count[k] > 0 ? s.totalNs[k] / s.count[k] : NaN,
      p50Ns,
      p90Ns,
      p99Ns,
      maxNs: s.maxNs[k],
      migrated: s.migrated[k],
      open: s.open[k],
    });
  }
  return rows.sort((a, b) => b.totalNs - a.totalNs || (a.name < b.name ? -1 : 1));
}
