// The histogram SQL over the real captures, checked against counts, bins and quantiles computed
// here independently from expected_async_events.csv (micromegas' own parser output).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../db/db';
import { openNodeDb } from '../db/node-db';
import { loadFixture } from '../db/testing';
import { expectedCsvLines, expectedSummary } from '../decode/testing';
import { BIN_COUNT, binLowNs, binOfNs } from '../model/histogram';
import { queryBinEdgesNs, queryDurationHistogram } from './histogram';

interface ExpectedSpan {
  name: string;
  beginNs?: bigint;
  endNs?: bigint;
}

/** Spans of a capture paired from its CSV: first begin, last end, name (no CSV field is quoted). */
function expectedSpans(capture: string): ExpectedSpan[] {
  const [header, ...lines] = expectedCsvLines(capture);
  const col = Object.fromEntries(header.split(',').map((name, i) => [name, i]));
  const spans = new Map<string, ExpectedSpan>();
  for (const line of lines) {
    const f = line.split(',');
    const span = spans.get(f[col.span_id]) ?? { name: f[col.name] };
    const timeNs = BigInt(f[col.time_ns]);
    if (f[col.event_type] === 'begin') {
      if (span.beginNs === undefined || timeNs < span.beginNs) span.beginNs = timeNs;
    } else if (span.endNs === undefined || timeNs > span.endNs) span.endNs = timeNs;
    spans.set(f[col.span_id], span);
  }
  return [...spans.values()];
}

/** DuckDB's quantile_disc: the nearest rank, sorted[ceil(n·q) − 1]. */
function quantileDisc(sorted: number[], q: number): number {
  return sorted[Math.max(0, Math.ceil(sorted.length * q) - 1)];
}

/** DuckDB's quantile_cont: linear interpolation between the closest ranks. */
function quantileCont(sorted: number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const lo = Math.floor(position);
  const hi = Math.ceil(position);
  return sorted[lo] + (position - lo) * (sorted[hi] - sorted[lo]);
}

function expectedHistogram(spans: ExpectedSpan[], name: string | null) {
  const chosen = spans.filter((s) => name === null || s.name === name);
  const complete = chosen.filter((s) => s.beginNs !== undefined && s.endNs !== undefined);
  const durations = complete.map((s) => Number(s.endNs! - s.beginNs!)).sort((a, b) => a - b);
  const bins = new Map<number, number>();
  for (const d of durations) bins.set(binOfNs(d), (bins.get(binOfNs(d)) ?? 0) + 1);
  return {
    bins: [...bins.entries()].sort(([a], [b]) => a - b).map(([bin, count]) => ({ bin, count })),
    count: durations.length,
    excludedCount: chosen.length - complete.length,
    durations,
  };
}

describe('histogram SQL', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openNodeDb();
  });
  afterAll(async () => {
    await db?.close();
  });

  test('DuckDB computes the same bin edges as binLowNs, for every bin', async () => {
    const edges = await queryBinEdgesNs(db);
    expect(edges.length).toBe(BIN_COUNT - 1);
    edges.forEach((edge, k) => expect(edge).toBe(binLowNs(k + 1)));
  });

  for (const capture of ['small', 'unclosed', 'mixed', 'medium']) {
    test(`${capture}: counts, bins, quantiles and max per name and for all spans`, async () => {
      await loadFixture(db, capture);
      const processId = expectedSummary(capture).process_id;
      const spans = expectedSpans(capture);
      const names = [...new Set(spans.map((s) => s.name))].sort();
      for (const name of [null, ...names]) {
        const got = await queryDurationHistogram(db, processId, name);
        const want = expectedHistogram(spans, name);
        expect({ name, count: got.count }).toEqual({ name, count: want.count });
        expect(got.excludedCount).toBe(want.excludedCount);
        expect(got.bins).toEqual(want.bins);
        expect(got.bins.reduce((n, b) => n + b.count, 0)).toBe(got.count);
        if (want.count === 0) {
          expect(Number.isNaN(got.p50Ns)).toBe(true);
          continue;
        }
        const d = want.durations;
        expect(got.maxNs).toBe(d[d.length - 1]);
        expect(got.minNs).toBe(d[0]);
        expect(got.p50Ns).toBeCloseTo(quantileCont(d, 0.5), 3);
        expect(got.p90Ns).toBeCloseTo(quantileCont(d, 0.9), 3);
        expect(got.p99Ns).toBeCloseTo(quantileCont(d, 0.99), 3);
        const durations = new Set(d);
        for (const q of [0.5, 0.9, 0.99] as const) {
          const disc = got.discrete[`p${Math.round(q * 100)}Ns` as 'p50Ns' | 'p90Ns' | 'p99Ns'];
          expect(disc).toBe(quantileDisc(d, q));
          expect(durations.has(disc)).toBe(true); // a duration some span has
        }
      }
    });
  }

  test('an unknown process or name gives an empty histogram', async () => {
    const processId = expectedSummary('small').process_id;
    const none = await queryDurationHistogram(db, processId, 'no such span');
    expect(none).toMatchObject({ bins: [], count: 0, excludedCount: 0 });
    const other = await queryDurationHistogram(db, '00000000-0000-0000-0000-000000000000', null);
    expect(other.count).toBe(0);
  });

  test('names are bound, never spliced: quotes in a name are just text', async () => {
    const processId = expectedSummary('small').process_id;
    const tricky = await queryDurationHistogram(db, processId, "x' OR '1'='1");
    expect(tricky.count).toBe(0);
  });
});
