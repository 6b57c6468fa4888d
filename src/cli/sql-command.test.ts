// `weft sql` end to end over the real captures (in-process, through main()), and the CLI's
// worker_threads decode pool.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { openNodeDb } from '../db/node-db';
import { FIXTURES, expectedSummary } from '../decode/testing';
import { fileSources, loadInto } from './load-captures';
import { main } from './main';
import { parseSqlArgs } from './sql-command';
import { threadPort } from './thread-port';

async function run(args: string[]) {
  let stdout = '';
  const stderr: string[] = [];
  const code = await main(args, { write: (t) => void (stdout += t), error: (l) => stderr.push(l) });
  return { code, stdout, stderr };
}

const SMALL = join(FIXTURES, 'small');

describe('weft sql', () => {
  test('prints CSV with exact BIGINT, HUGEINT and nanosecond timestamps', async () => {
    const sql = `SELECT span_id, begin_time, duration_ns, sum(duration_ns) OVER () AS total,
      name FROM async_spans ORDER BY begin_time, span_id LIMIT 2`;
    const { code, stdout, stderr } = await run(['sql', SMALL, '-e', sql]);
    expect(stderr).toEqual([]);
    expect(code).toBe(0);
    const [header, first] = stdout.trimEnd().split('\n');
    expect(header).toBe('span_id,begin_time,duration_ns,total,name');
    expect(first).toBe(
      '1,2026-11-27T00:30:20.923376405Z,7464452,122855824,main_loop', // oracle: 1795739420930840857 − …923376405
    );
  });

  test('runs the upstream queries through view_instance', async () => {
    const pid = expectedSummary('small').process_id;
    const sql = `SELECT count(*) AS n FROM view_instance('async_events', '${pid}')`;
    const { stdout } = await run(['sql', SMALL, '--execute', sql]);
    expect(stdout).toBe('n\n378\n');
  });

  test('a bad query exits 1 with DuckDB message; rejected inputs go to stderr', async () => {
    const junk = join(mkdtempSync(join(tmpdir(), 'weft-sql-')), 'junk.bin');
    writeFileSync(junk, 'not cbor at all');
    const { code, stderr } = await run(['sql', SMALL, junk, '-e', 'SELECT nope']);
    expect(code).toBe(1);
    expect(stderr[0]).toMatch(/^rejected: .*junk\.bin: expected a micromegas ProcessInfo/);
    expect(stderr.at(-1)).toMatch(/^Binder Error: Referenced column "nope" was not found/);
  });

  test('usage errors exit 2', async () => {
    expect((await run(['sql', SMALL])).code).toBe(2);
    expect(parseSqlArgs(['a', 'b', '-e', 'x', '--threads', '2'])).toEqual({
      paths: ['a', 'b'],
      sql: 'x',
      threads: 2,
    });
  });
});

test('a pool of worker_threads loads the same rows as this thread', async () => {
  const db = await openNodeDb();
  const ports = [threadPort(), threadPort()];
  const { summary, errors } = await loadInto(db, fileSources([SMALL]), ports);
  expect(errors).toEqual([]);
  expect(summary.rejected).toEqual([]);
  const n = await db.query(
    'SELECT count(*)::INTEGER AS n, count(time)::INTEGER AS t FROM async_events',
  );
  expect(n.get(0)!.toJSON()).toEqual({ n: 378, t: 378 });
});
