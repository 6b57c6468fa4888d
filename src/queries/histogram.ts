// The duration histogram's SQL: log-scale bins and quantiles (interpolated and discrete) of one
// process's complete spans (of one name, or all), over the derived `async_spans` table. Bins follow src/model/histogram.ts
// exactly: floor(10·log10 d), then corrected by ±1 against the bin's integer lower edge, so
// float rounding in log10 never moves a span across an edge. Bound parameters only.
import type { Db } from '../db/db';
import {
  BIN_COUNT,
  BINS_PER_DECADE,
  type DurationHistogram,
  type HistogramBin,
} from '../model/histogram';

// $1 process id, $2 true for all names, $3 the name when $2 is false, $4 bins per decade,
// $5 bin count. Edge of bin b ≥ 1: ceil(10^(b/k)), as binLowNs; bin 0 starts at 0.
const BINS_SQL = `
WITH spans AS (
  SELECT duration_ns AS ns FROM async_spans
  WHERE process_id = $1 AND state = 'complete' AND ($2 OR name = $3)
), rough AS (
  SELECT ns, least(greatest(floor(log10(greatest(ns, 1)) * $4), 0), $5 - 1)::INTEGER AS b0
  FROM spans
)
SELECT bin, count(*)::INTEGER AS count FROM (
  SELECT CASE
    WHEN b0 < $5 - 1 AND ns >= ceil(pow(10, (b0 + 1) / $4)) THEN b0 + 1
    WHEN b0 > 0 AND ns < ceil(pow(10, b0 / $4)) THEN b0 - 1
    ELSE b0 END AS bin
  FROM rough
)
GROUP BY bin ORDER BY bin`;

// One quantile aggregate per kind, each given the three fractions: every quantile aggregate keeps
// its own copy of the durations (1.76M doubles on large), and DuckDB-WASM's heap never shrinks.
const STATS_SQL = `
WITH q AS (
  SELECT
    count(*) FILTER (WHERE state = 'complete')::INTEGER AS count,
    count(*) FILTER (WHERE state <> 'complete')::INTEGER AS excluded,
    quantile_cont(duration_ns, [0.5, 0.9, 0.99]) FILTER (WHERE state = 'complete') AS cont,
    quantile_disc(duration_ns, [0.5, 0.9, 0.99]) FILTER (WHERE state = 'complete') AS disc,
    min(duration_ns) FILTER (WHERE state = 'complete')::DOUBLE AS min,
    max(duration_ns) FILTER (WHERE state = 'complete')::DOUBLE AS max
  FROM async_spans
  WHERE process_id = $1 AND ($2 OR name = $3)
)
SELECT count, excluded, min, max,
  cont[1]::DOUBLE AS p50, cont[2]::DOUBLE AS p90, cont[3]::DOUBLE AS p99,
  disc[1]::DOUBLE AS p50_disc, disc[2]::DOUBLE AS p90_disc, disc[3]::DOUBLE AS p99_disc
FROM q`;

const EDGES_SQL = `
SELECT ceil(pow(10, b / $1))::DOUBLE AS low FROM range(1, $2::BIGINT) t(b) ORDER BY b`;

/** Histogram of the complete spans of `processId` named `name` (null: every name). */
export async function queryDurationHistogram(
  db: Db,
  processId: string,
  name: string | null,
): Promise<DurationHistogram> {
  const filter = [processId, name === null, name ?? ''];
  const binsTable = await db.query(BINS_SQL, [...filter, BINS_PER_DECADE, BIN_COUNT]);
  const statsTable = await db.query(STATS_SQL, filter);
  const bins: HistogramBin[] = binsTable
    .toArray()
    .map((row) => ({ bin: Number(row.bin), count: Number(row.count) }));
  const stats = statsTable.get(0);
  const num = (value: unknown) => (value === null || value === undefined ? NaN : Number(value));
  return {
    bins,
    count: num(stats?.count) || 0,
    excludedCount: num(stats?.excluded) || 0,
    p50Ns: num(stats?.p50),
    p90Ns: num(stats?.p90),
    p99Ns: num(stats?.p99),
    discrete: {
      p50Ns: num(stats?.p50_disc),
      p90Ns: num(stats?.p90_disc),
      p99Ns: num(stats?.p99_disc),
    },
    minNs: num(stats?.min),
    maxNs: num(stats?.max),
  };
}

/**
 * Lower edges of bins 1 … BIN_COUNT-1 as DuckDB computes them in BINS_SQL; a test checks they
 * equal binLowNs (DuckDB's pow and JS's ** could differ in the last bit).
 */
export async function queryBinEdgesNs(db: Db): Promise<number[]> {
  const table = await db.query(EDGES_SQL, [BINS_PER_DECADE, BIN_COUNT]);
  return table.toArray().map((row) => Number(row.low));
}
