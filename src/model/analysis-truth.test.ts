// The analysis model against SQL truth on every real capture: statistics per name (each column),
// the aggregated call trees (top-down and inverted: counts, totals, self times) and the critical
// child of every span, each computed by DuckDB over async_spans (src/queries/testing.ts), never
// by the model's code.
import { describe, expect, test } from 'vitest';
import { rows } from '../db/testing';
import { CAPTURES } from '../decode/testing';
import {
  capturedTable,
  fileDb,
  truthCriticalChildSql,
  truthInvertedSql,
  truthStatsSql,
  truthTopDownSql,
} from '../queries/testing';
import { callTreesOf, spanBasis, statisticsOf } from './analysis';
import { nodePath, type CallTree } from './call-tree';
import { criticalChild, criticalPath } from './critical-path';
import { EMPTY_FILTER } from './span-filter';

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

const shared = fileDb();

describe.each(CAPTURES)('analysis of %s against SQL', (capture) => {
  const loaded = capturedTable(shared, capture);

  test('statistics per name: every column', async () => {
    const want = (await rows(shared.db, truthStatsSql(), [loaded.processId])).map((r) => ({
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
    const got = statisticsOf(loaded.table, EMPTY_FILTER, null).map(({ nameIndex: _, ...s }) => s);
    expect(want.length).toBeGreaterThan(0);
    expect(got).toEqual(want);
  });

  test('top-down call tree: count, open, total and self per path', async () => {
    const { topDown } = callTreesOf(loaded.table, EMPTY_FILTER, null);
    const want = sqlTreeRows(await rows(shared.db, truthTopDownSql(), [loaded.processId]));
    expect(want.length).toBeGreaterThan(0);
    expect(treeRows(topDown, loaded.table.names)).toEqual(want);
  });

  test('inverted call tree: count, open, total and self per caller chain', async () => {
    const { inverted } = callTreesOf(loaded.table, EMPTY_FILTER, null);
    const want = sqlTreeRows(await rows(shared.db, truthInvertedSql(), [loaded.processId]));
    expect(want.length).toBeGreaterThan(0);
    expect(treeRows(inverted, loaded.table.names)).toEqual(want);
  });

  test('critical child of every span, and every path follows it', async () => {
    const { tree } = spanBasis(loaded.table);
    const sql = new Map<bigint, bigint>();
    for (const r of await rows(shared.db, truthCriticalChildSql(), [loaded.processId]))
      sql.set(BigInt(r.parent as bigint), BigInt(r.child as bigint));
    const got = new Map<bigint, bigint>();
    for (let row = 0; row < loaded.table.length; row++) {
      const child = criticalChild(loaded.table, tree, row);
      if (child >= 0) got.set(loaded.table.spanId[row], loaded.table.spanId[child]);
    }
    expect(got).toEqual(sql);
    for (let row = 0; row < loaded.table.length; row++) {
      let parent = loaded.table.spanId[row];
      for (const link of criticalPath(loaded.table, tree, row)) {
        expect(loaded.table.spanId[link.row]).toBe(sql.get(parent));
        expect(link.tailNs).toBeGreaterThanOrEqual(0);
        parent = loaded.table.spanId[link.row];
      }
      expect(sql.has(parent)).toBe(false);
    }
  });
});
