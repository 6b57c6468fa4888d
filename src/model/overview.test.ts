// The overview's span-ns per bucket equal DuckDB's sums over async_spans on every capture, for
// all spans and under filters (a begin-thread filter, a state filter); edges are exact integers.
import { describe, expect, test } from 'vitest';
import { loadFixture, resetDb, rows } from '../db/testing';
import { CAPTURES, expectedSummary } from '../decode/testing';
import { loadSpanTable } from '../queries/span-table';
import { fileDb, truthBusySql } from '../queries/testing';
import { runInSlices } from '../base/time-slices';
import { bucketEdgesNs, busyBuckets, busyBucketsSteps, concurrency } from './overview';
import { EMPTY_FILTER, selectionMask, type SpanFilter } from './span-filter';
import { makeSpanTable, randomSpanTable } from './testing';

const shared = fileDb();

describe('busy buckets on hand-made spans', () => {
  test('a span covering buckets whole and in part; concurrency is busy / width', () => {
    const table = makeSpanTable([
      { spanId: 1, parentSpanId: 0, beginNs: 0, endNs: 100 },
      { spanId: 2, parentSpanId: 1, beginNs: 15, endNs: 62 },
      { spanId: 3, parentSpanId: 1, beginNs: 40, endNs: 40 },
    ]);
    const buckets = busyBuckets(table, null, 4);
    const edges = [...buckets.edgesNs];
    expect(edges).toEqual([0, 25, 50, 75, 100]);
    // span 1 covers every bucket; span 2 is 10 + 25 + 12 ns
    const overlap = (b: number, e: number, k: number) =>
      Math.max(0, Math.min(e, edges[k + 1]) - Math.max(b, edges[k]));
    const want = [0, 1, 2, 3].map((k) => overlap(0, 100, k) + overlap(15, 62, k));
    expect([...buckets.busyNs]).toEqual(want);
    expect([...concurrency(buckets)]).toEqual(want.map((ns) => ns / 25));
    expect([...busyBuckets(table, Uint8Array.of(0, 1, 1), 4).busyNs]).toEqual(
      [0, 1, 2, 3].map((k) => overlap(15, 62, k)),
    );
  });

  test('random tables (open, orphan, zero-length spans): equal to per-span overlaps', () => {
    for (const seed of [1, 2, 3]) {
      const table = randomSpanTable(seed, 300, true);
      const count = 50 + seed;
      const { edgesNs, busyNs } = busyBuckets(table, null, count);
      const want = new Float64Array(count);
      for (let i = 0; i < table.length; i++)
        for (let k = 0; k < count; k++)
          want[k] += Math.max(
            0,
            Math.min(table.endNs[i], edgesNs[k + 1]) - Math.max(table.beginNs[i], edgesNs[k]),
          );
      expect([...busyNs]).toEqual([...want]);
    }
  });

  test('in slices: the same buckets; an aborted count stops with the reason of its signal', async () => {
    const table = randomSpanTable(4, 300, true);
    expect(await runInSlices(busyBucketsSteps(table, null, 41, 13))).toEqual(
      busyBuckets(table, null, 41),
    );
    const abort = new AbortController();
    abort.abort(new Error('the filter changed'));
    await expect(runInSlices(busyBucketsSteps(table, null, 41), abort.signal)).rejects.toThrow(
      'the filter changed',
    );
  });

  test('edges are exact for long captures (k·W beyond 2^53)', () => {
    const widthNs = 30 * 86_400e9 + 7; // 30 days and 7 ns
    const edges = bucketEdgesNs(5, 5 + widthNs, 997);
    const exact = (k: number) => 5n + (BigInt(k) * BigInt(widthNs)) / 997n;
    for (let k = 0; k <= 997; k++) expect(BigInt(edges[k])).toBe(exact(k));
  });

  test('more buckets than nanoseconds: empty buckets, edges stay integers', () => {
    const edges = bucketEdgesNs(10, 13, 7);
    expect([...edges].every(Number.isInteger)).toBe(true);
    expect(edges[0]).toBe(10);
    expect(edges[7]).toBe(13);
  });
});

describe.each(CAPTURES)('busy buckets on %s equal SQL', (capture) => {
  test('all spans and filtered spans, several bucket counts', async () => {
    await resetDb(shared.db);
    await loadFixture(shared.db, capture);
    const processId = expectedSummary(capture).process_id;
    const table = await loadSpanTable(shared.db, processId);
    const thread = table.threads[0].name;
    // [filter, its SQL predicate, parameters, bucket counts]
    const cases: [Partial<SpanFilter>, string, string[], number[]][] = [
      [{}, 'true', [], [1, 7, 333]],
      [{ beginThread: thread }, 'contains(lower(begin_thread), lower($5))', [thread], [97]],
      [{ state: 'complete' }, "state = 'complete'", [], [97]],
    ];
    let nonZero = 0;
    for (const [filter, predicate, params, counts] of cases) {
      const mask = selectionMask(table, { ...EMPTY_FILTER, ...filter }, null);
      for (const count of counts) {
        const got = busyBuckets(table, mask, count);
        const want = await rows(shared.db, truthBusySql(predicate), [
          processId,
          table.captureBeginNs,
          table.captureEndNs,
          count,
          ...params,
        ]);
        expect([...got.busyNs]).toEqual(want.map((r) => r.busy_ns));
        // counted in slices of a few rows: the same buckets
        expect(await runInSlices(busyBucketsSteps(table, mask, count, 9))).toEqual(got);
        nonZero += got.busyNs.filter((ns) => ns > 0).length;
      }
    }
    expect(nonZero).toBeGreaterThan(0);
  });
});
