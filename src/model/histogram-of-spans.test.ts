// histogramOfSpans with no selection equals the histogram SQL (src/queries/histogram.ts) name by
// name on every capture; under a range it equals SQL's quantiles over the same spans.
import { describe, expect, test } from 'vitest';
import { loadFixture, resetDb, rows } from '../db/testing';
import { CAPTURES, expectedSummary } from '../decode/testing';
import { queryDurationHistogram } from '../queries/histogram';
import { loadSpanTable } from '../queries/span-table';
import { fileDb, truthStatsSql } from '../queries/testing';
import { histogramInSlices, histogramOfSpans } from './histogram-of-spans';
import { EMPTY_FILTER, selectionMask } from './span-filter';

const shared = fileDb();

describe.each(CAPTURES)('histogram of spans on %s', (capture) => {
  test('equals the SQL histogram for every name and for all', async () => {
    await resetDb(shared.db);
    await loadFixture(shared.db, capture);
    const processId = expectedSummary(capture).process_id;
    const table = await loadSpanTable(shared.db, processId);
    for (let k = -1; k < table.names.length; k++) {
      const want = await queryDurationHistogram(
        shared.db,
        processId,
        k < 0 ? null : table.names[k],
      );
      expect(histogramOfSpans(table, null, k)).toEqual(want);
      // in slices of a few rows: the same histogram
      expect(await histogramInSlices(table, null, k, 7)).toEqual(want);
    }
    const third = (table.captureEndNs - table.captureBeginNs) / 3;
    const range = { startNs: table.captureBeginNs + third, endNs: table.captureEndNs - third };
    const mask = selectionMask(table, EMPTY_FILTER, range);
    const predicate = `CASE WHEN state = 'orphan_end' THEN e ELSE b END >= $2
      AND CASE WHEN state = 'orphan_end' THEN e ELSE b END < $3`;
    for (const r of await rows(shared.db, truthStatsSql(predicate), [
      processId,
      range.startNs,
      range.endNs,
    ])) {
      const h = histogramOfSpans(table, mask, table.names.indexOf(String(r.name)));
      expect(await histogramInSlices(table, mask, table.names.indexOf(String(r.name)), 5)).toEqual(
        h,
      );
      expect([h.count, h.p50Ns, h.p90Ns, h.p99Ns, h.maxNs]).toEqual([
        Number(r.count),
        r.p50_ns ?? NaN,
        r.p90_ns ?? NaN,
        r.p99_ns ?? NaN,
        r.max_ns ?? NaN,
      ]);
    }
  });
});
