// `weft stats` end to end (in-process, through main()): the CSV header, every row equal to SQL
// over async_spans on the same capture (whole capture and a range), and its argument errors.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../db/db';
import { openNodeDb } from '../db/node-db';
import { loadFixture, rows } from '../db/testing';
import { FIXTURES, expectedSummary } from '../decode/testing';
import { truthStatsSql } from '../queries/testing';
import { main } from './main';
import { parseStatsArgs } from './stats-command';

async function run(args: string[]) {
  let stdout = '';
  const stderr: string[] = [];
  const code = await main(args, { write: (t) => void (stdout += t), error: (l) => stderr.push(l) });
  return { code, stdout, stderr };
}

const CAPTURE = 'unclosed';
const COLUMNS = 'count,total_ns,self_ns,mean_ns,p50_ns,p90_ns,p99_ns,max_ns,migrated,open';

/** SQL rows as the CSV prints them: numbers as JS prints them, NULL as an empty field. */
function csvOf(result: Record<string, unknown>[]): string[] {
  const field = (v: unknown) => (v === null || v === undefined ? '' : String(Number(v)));
  return result.map((r) => [r.name, ...COLUMNS.split(',').map((c) => field(r[c]))].join(','));
}

describe('weft stats', () => {
  let db: Db;
  const processId = expectedSummary(CAPTURE).process_id;
  beforeAll(async () => {
    db = await openNodeDb();
    await loadFixture(db, CAPTURE);
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  test('prints one row per name, equal to SQL', async () => {
    const { code, stdout, stderr } = await run(['stats', join(FIXTURES, CAPTURE)]);
    expect(stderr).toEqual([]);
    expect(code).toBe(0);
    const [header, ...lines] = stdout.trimEnd().split('\n');
    expect(header).toBe(`name,${COLUMNS}`);
    expect(lines).toEqual(csvOf(await rows(db, truthStatsSql(), [processId])));
    expect(lines.some((l) => l.endsWith(',0'))).toBe(true);
    expect(lines.some((l) => !l.endsWith(',0'))).toBe(true); // open spans counted somewhere
  });

  test('--process and --from/--to: the spans that begin in the range', async () => {
    const [bounds] = await rows(
      db,
      `SELECT min(epoch_ns(begin_time) - epoch_ns(p.start_time)) AS lo,
        max(epoch_ns(begin_time) - epoch_ns(p.start_time)) AS hi
      FROM async_spans JOIN processes p USING (process_id) WHERE process_id = $1`,
      [processId],
    );
    const from = Math.round((Number(bounds.lo) * 2 + Number(bounds.hi)) / 3);
    const to = Math.round((Number(bounds.lo) + Number(bounds.hi) * 2) / 3);
    const args = ['--process', processId, '--from', String(from), '--to', String(to)];
    const { code, stdout } = await run(['stats', join(FIXTURES, CAPTURE), ...args]);
    expect(code).toBe(0);
    const predicate = `CASE WHEN state = 'orphan_end' THEN e ELSE b END >= $2
      AND CASE WHEN state = 'orphan_end' THEN e ELSE b END < $3`;
    const want = csvOf(await rows(db, truthStatsSql(predicate), [processId, from, to]));
    expect(want.length).toBeGreaterThan(0);
    expect(stdout.trimEnd().split('\n').slice(1)).toEqual(want);
  });

  test('argument errors', async () => {
    expect(parseStatsArgs([])).toBeUndefined();
    expect(parseStatsArgs(['x', '--from', '5'])).toBeUndefined();
    expect(parseStatsArgs(['x', '--from', '5', '--to', '5'])).toBeUndefined();
    expect(parseStatsArgs(['x', '--from', 'a', '--to', '5'])).toBeUndefined();
    expect((await run(['stats'])).code).toBe(2);
    const unknown = await run(['stats', join(FIXTURES, CAPTURE), '--process', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.join('\n')).toContain(processId);
  });
});
