// The timeline overview's numbers: how busy the capture is over time, as span-nanoseconds per
// time bucket (the sum over spans of their overlap with the bucket; divided by the bucket's
// width it is the mean number of spans in progress, i.e. the concurrency). Computed from the
// columnar span table in one pass (O(spans + buckets)), over the spans a mask keeps (the filter
// bar and the call path, as the timeline shows them). Open spans run to the capture's end and
// orphan ends from its start, as drawn. Buckets have integer edges: edge k = begin + ⌊k·W/B⌋
// (W = capture length, B = bucket count), so SQL's integer arithmetic gives the same edges and a
// test compares every bucket with DuckDB. Pure: no React, no DuckDB.
import { rangeSteps, runAtOnce, type Steps } from '../base/time-slices';
import type { SpanTable } from './span-table';

export interface BusyBuckets {
  /** B + 1 bucket edges (relative ns, integers): bucket k is [edgesNs[k], edgesNs[k + 1]). */
  edgesNs: Float64Array;
  /** Per bucket: the sum of the kept spans' overlaps with it, in ns (an exact integer). */
  busyNs: Float64Array;
}

/** Edge k of `count` buckets over [beginNs, endNs] (integers): beginNs + ⌊k·(endNs − beginNs)/count⌋. */
export function bucketEdgesNs(beginNs: number, endNs: number, count: number): Float64Array {
  const widthNs = Math.max(0, endNs - beginNs);
  // ⌊k·W/B⌋ = k·⌊W/B⌋ + ⌊k·(W mod B)/B⌋: every product stays exact in a double (k·W may not,
  // for captures of hours split into many buckets).
  const quotient = Math.floor(widthNs / count);
  const rest = widthNs - quotient * count;
  const edges = new Float64Array(count + 1);
  for (let k = 0; k <= count; k++)
    edges[k] = beginNs + k * quotient + Math.floor((k * rest) / count);
  return edges;
}

/**
 * The bucket holding time `ns` (clamped to the first and last bucket): the last k with
 * edges[k] ≤ ns. `perNs` (buckets per ns) only guesses it; the walk makes it exact, whatever the
 * guess's rounding.
 */
function bucketOf(edges: Float64Array, ns: number, perNs: number): number {
  const last = edges.length - 2;
  let k = Math.floor((ns - edges[0]) * perNs);
  k = k < 0 ? 0 : k > last ? last : k;
  while (k > 0 && ns < edges[k]) k--;
  while (k < last && ns >= edges[k + 1]) k++;
  return k;
}

/**
 * Span-ns per bucket over the capture [captureBeginNs, captureEndNs] in `count` buckets, of the
 * spans `mask` keeps (null: all), gathered from rows in ranges (busyBucketsSteps yields
 * between them). Middle buckets a span covers whole are counted in a difference array and
 * multiplied by their width at the end; its first and last bucket get the partial overlaps
 * directly.
 */
class BusyCounter {
  private readonly edges: Float64Array;
  private readonly busy: Float64Array;
  /** +1 at a span's first whole bucket, −1 after its last. */
  private readonly covering: Int32Array;
  private readonly perNs: number;

  constructor(
    private readonly table: SpanTable,
    private readonly mask: Uint8Array | null,
    count: number,
  ) {
    this.edges = bucketEdgesNs(table.captureBeginNs, table.captureEndNs, Math.max(1, count));
    const n = this.edges.length - 1;
    this.busy = new Float64Array(n);
    this.covering = new Int32Array(n + 1);
    const width = this.edges[n] - this.edges[0];
    this.perNs = width > 0 ? n / width : 0;
  }

  /** Counts rows [from, to). */
  add(from: number, to: number): void {
    const { table, mask, edges, busy, covering, perNs } = this;
    const lo = edges[0];
    const hi = edges[edges.length - 1];
    for (let i = from; i < to; i++) {
      if (mask && !mask[i]) continue;
      const b = Math.max(table.beginNs[i], lo);
      const e = Math.min(table.endNs[i], hi);
      if (e <= b) continue;
      const kb = bucketOf(edges, b, perNs);
      const ke = bucketOf(edges, e, perNs);
      if (kb === ke) {
        busy[kb] += e - b;
        continue;
      }
      busy[kb] += edges[kb + 1] - b;
      busy[ke] += e - edges[ke];
      covering[kb + 1]++;
      covering[ke]--;
    }
  }

  /** The buckets of the rows counted (call once, at the end). */
  buckets(): BusyBuckets {
    const { edges, busy, covering } = this;
    let whole = 0;
    for (let k = 0; k < busy.length; k++) {
      whole += covering[k];
      busy[k] += whole * (edges[k + 1] - edges[k]);
    }
    return { edgesNs: edges, busyNs: busy };
  }
}

/** busyBuckets in steps of `rowsPerStep` rows. */
export function* busyBucketsSteps(
  table: SpanTable,
  mask: Uint8Array | null,
  count: number,
  rowsPerStep?: number,
): Steps<BusyBuckets> {
  const counter = new BusyCounter(table, mask, count);
  yield* rangeSteps(table.length, (from, to) => counter.add(from, to), rowsPerStep);
  return counter.buckets();
}

/** Span-ns per bucket (see BusyCounter) of every row at once. */
export function busyBuckets(table: SpanTable, mask: Uint8Array | null, count: number): BusyBuckets {
  return runAtOnce(busyBucketsSteps(table, mask, count));
}

/** Mean spans in progress per bucket (busy ns / bucket width; 0 for an empty bucket). */
export function concurrency(buckets: BusyBuckets): Float64Array {
  const { edgesNs, busyNs } = buckets;
  return busyNs.map((ns, k) => {
    const widthNs = edgesNs[k + 1] - edgesNs[k];
    return widthNs > 0 ? ns / widthNs : 0;
  });
}
