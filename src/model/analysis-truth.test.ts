// The analysis model against SQL truth on every real capture: statistics per name (each column),
// the aggregated call trees (top-down and inverted: counts, totals, self times) and the critical
// child of every span, each computed by DuckDB over async_spans (src/queries/testing.ts), never
// by the model's code.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../db/db';
import { openNodeDb } from '../db/node-db';
import { loadFixture, resetDb, rows } from '../db/testing';
import { CAPTURES, expectedSummary } from '../decode/testing';
import { loadSpanTable } from '../queries/span-table';
import {
  truthCriticalChildSql,
  truthInvertedSql,
  truthStatsSql,
  truthTopDownSql,
} from '../queries/testing';
import { callTreesOf, spanBasis, statisticsOf } from './analysis';
import { nodePath, type CallTree } from './call-tree';
import { criticalChild, criticalPath } from './critical-path';
import { EMPTY_FILTER } from './span-filter';
import type { SpanTable } from './span-table';

const num = (v: unknown) => (v === null || v === undefined ? NaN : Number(v));

/** Every node with kept spans, as the SQL rows: path joined by ' > ', count, open, total, self. */
function treeRows(tree: CallTree, names: string[]) {
  const out = [];
  for (let k = 1; k < tree.length; k++) {
    if (tree.count[k] === 0 && tree.open[k] === 0) continue;
    const { count, open, totalNs, selfNs } = tree;
    const path = nodePath(tree, names, k).join(' > ');
    out.push({ path, count: count[k], open: open[k], total_ns: totalNs[k], self_ns: selfNs[k] });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function sqlTreeRows(result: Record<string, unknown>[]) {
  return result.map((r) => ({
    path: String(r.path),
    count: num(r.count),
    open: num(r.open),
    total_ns: num(r.total_ns),
    self_ns: num(r.self_ns),
  }));
}

let db: Db;
beforeAll(async () => {
  db = await openNodeDb();
}, 60_000);
afterAll(async () => {
  await db?.close();
});

describe.each(CAPTURES)('analysis of %s against SQL', (capture) => {
  let table: SpanTable;
  let processId: string;
  beforeAll(async () => {
    await resetDb(db);
    await loadFixture(db, capture);
    processId = expectedSummary(capture).process_id;
    table = await loadSpanTable(db, processId);
  }, 60_000);

  test('statistics per name: every column', async () => {
    const want = (await rows(db, truthStatsSql(), [processId])).map((r) => ({
      name: String(r.name),
      count: num(r.count),
      totalNs: num(r.total_ns),
      selfNs: num(r.self_ns),
      meanNs: num(r.mean_ns),
      p50Ns: num(r.p50_ns),
      p90Ns: num(r.p90_ns),
      p99Ns: num(r.p99_ns),
      maxNs: num(r.max_ns),
      migrated: num(r.migrated),
      open: num(r.open),
    }));
    const got = statisticsOf(table, EMPTY_FILTER, null).map(({ nameIndex: _, ...s }) => s);
    expect(want.length).toBeGreaterThan(0);
    expect(got).toEqual(want);
  });

  test('top-down call tree: count, open, total and self per path', async () => {
    const { topDown } = callTreesOf(table, EMPTY_FILTER, null);
    const want = sqlTreeRows(await rows(db, truthTopDownSql(), [processId]));
    expect(want.length).toBeGreaterThan(0);
    expect(treeRows(topDown, table.names)).toEqual(want);
  });

  test('inverted call tree: count, open, total and self per caller chain', async () => {
    const { inverted } = callTreesOf(table, EMPTY_FILTER, null);
    const want = sqlTreeRows(await rows(db, truthInvertedSql(), [processId]));
    expect(want.length).toBeGreaterThan(0);
    expect(treeRows(inverted, table.names)).toEqual(want);
  });

  test('critical child of every span, and every path follows it', async () => {
    const { tree } = spanBasis(table);
    const sql = new Map<bigint, bigint>();
    for (const r of await rows(db, truthCriticalChildSql(), [processId]))
      sql.set(BigInt(r.parent as bigint), BigInt(r.child as bigint));
    const got = new Map<bigint, bigint>();
    for (let row = 0; row < table.length; row++) {
      const child = criticalChild(table, tree, row);
      if (child >= 0) got.set(table.spanId[row], table.spanId[child]);
    }
    expect(got).toEqual(sql);
    for (let row = 0; row < table.length; row++) {
      let parent = table.spanId[row];
      for (const link of criticalPath(table, tree, row)) {
        expect(table.spanId[link.row]).toBe(sql.get(parent));
        expect(link.tailNs).toBeGreaterThanOrEqual(0);
        parent = table.spanId[link.row];
      }
      expect(sql.has(parent)).toBe(false);
    }
  });
});
