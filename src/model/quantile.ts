// Quantiles of sorted durations, defined as DuckDB's quantile_cont (the duration histogram's
// p50/p90/p99, src/queries/histogram.ts): position (n − 1)·q, linear interpolation between the
// two closest ranks as DuckDB 1.4 computes it, lo·(1 − f) + hi·f in IEEE doubles (the form
// lo + (hi − lo)·f differs in the last bit for some inputs; a test compares with DuckDB). Pure.

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
