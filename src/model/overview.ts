// The timeline overview's numbers: how busy the capture is over time, as span-nanoseconds per
// time bucket (the sum over spans of their overlap with the bucket; divided by the bucket's
// width it is the mean number of spans in progress, i.e. the concurrency). Computed from the
// columnar span table in one pass (O(spans + buckets)), over the spans a mask keeps (the filter
// bar and the call path, as the timeline shows them). Open spans run to the capture's end and
// orphan ends from its start, as drawn. Buckets have integer edges: edge k = begin + ⌊k·W/B⌋
// (W = capture length, B = bucket count), so SQL's integer arithmetic gives the same edges and a
// test compares every bucket with DuckDB. Pure: no React, no DuckDB.
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

/** The bucket holding time `ns` (clamped to the first and last bucket). */
function bucketOf(edges: Float64Array, ns: number): number {
  const count = edges.length - 1;
  const widthNs = edges[count] - edges[0];
  let k = widthNs > 0 ? Math.floor(((ns - edges[0]) * count) / widthNs) : 0;
  k = Math.min(count - 1, Math.max(0, k));
  while (k > 0 && ns < edges[k]) k--;
  while (k < count - 1 && ns >= edges[k + 1]) k++;
  return k;
}

/**
 * Span-ns per bucket over the capture [captureBeginNs, captureEndNs] in `count` buckets, of the
 * spans `mask` keeps (null: all). Middle buckets a span covers whole are counted in a difference
 * array and multiplied by their width at the end; its first and last bucket get the partial
 * overlaps directly.
 */
export function busyBuckets(table: SpanTable, mask: Uint8Array | null, count: number): BusyBuckets {
  const edges = bucketEdgesNs(table.captureBeginNs, table.captureEndNs, Math.max(1, count));
  const n = edges.length - 1;
  const busy = new Float64Array(n);
  const covering = new Int32Array(n + 1); // +1 at a span's first whole bucket, −1 after its last
  const lo = edges[0];
  const hi = edges[n];
  for (let i = 0; i < table.length; i++) {
    if (mask && !mask[i]) continue;
    const b = Math.max(table.beginNs[i], lo);
    const e = Math.min(table.endNs[i], hi);
    if (e <= b) continue;
    const kb = bucketOf(edges, b);
    const ke = bucketOf(edges, e);
    if (kb === ke) {
      busy[kb] += e - b;
      continue;
    }
    busy[kb] += edges[kb + 1] - b;
    busy[ke] += e - edges[ke];
    covering[kb + 1]++;
    covering[ke]--;
  }
  let whole = 0;
  for (let k = 0; k < n; k++) {
    whole += covering[k];
    busy[k] += whole * (edges[k + 1] - edges[k]);
  }
  return { edgesNs: edges, busyNs: busy };
}

/** Mean spans in progress per bucket (busy ns / bucket width; 0 for an empty bucket). */
export function concurrency(buckets: BusyBuckets): Float64Array {
  const { edgesNs, busyNs } = buckets;
  return busyNs.map((ns, k) => {
    const widthNs = edgesNs[k + 1] - edgesNs[k];
    return widthNs > 0 ? ns / widthNs : 0;
  });
}
