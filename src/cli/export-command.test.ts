// `weft export` end to end over the small capture (in-process, through main()): each format
// written, read back, and compared with what `weft sql` prints over the same loaded tables.
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, test } from 'vitest';
import { FIXTURES, expectedSummary } from '../decode/testing';
import { perfettoTypes } from '../model/export/perfetto-schema';
import { parseExportArgs } from './export-command';
import { main } from './main';

async function run(args: string[]) {
  let stdout = '';
  const stderr: string[] = [];
  const code = await main(args, { write: (t) => void (stdout += t), error: (l) => stderr.push(l) });
  return { code, stdout, stderr };
}

const SMALL = join(FIXTURES, 'small');
const SUMMARY = expectedSummary('small');
const dir = mkdtempSync(join(tmpdir(), 'weft-export-'));
/** Each run loads the capture into a fresh DuckDB: slow on a busy machine. */
const SLOW_MS = 300_000;

describe('weft export', () => {
  test(
    'chrome-json and perfetto hold every span of the process once',
    async () => {
      const json = join(dir, 'small.json');
      expect((await run(['export', SMALL, '--format', 'chrome-json', '-o', json])).code).toBe(0);
      const events = JSON.parse(readFileSync(json, 'utf8')).traceEvents as { ph: string }[];
      expect(events.filter((e) => e.ph === 'b').length).toBe(SUMMARY.distinct_span_ids);
      const pb = join(dir, 'small.pftrace');
      expect((await run(['export', SMALL, '--format', 'perfetto', '-o', pb])).code).toBe(0);
      const { Trace } = perfettoTypes();
      const trace = Trace.toObject(Trace.decode(readFileSync(pb))) as {
        packet: { track_event?: { type: number } }[];
      };
      const begins = trace.packet.filter((p) => p.track_event?.type === 1).length;
      expect(begins).toBe(SUMMARY.distinct_span_ids);
    },
    SLOW_MS,
  );

  test(
    'csv is the async_spans table, as weft sql prints it; --from/--to keep overlapping spans',
    async () => {
      const sql = 'SELECT * FROM async_spans ORDER BY process_id, begin_time NULLS FIRST, span_id';
      const all = await run(['export', SMALL, '--format', 'csv']);
      expect(all.code).toBe(0);
      expect(all.stdout).toBe((await run(['sql', SMALL, '-e', sql])).stdout);
      const [from, to] = ['1795739420925000000', '1795739420926000000'];
      const ranged = await run(['export', SMALL, '--format', 'csv', '--from', from, '--to', to]);
      const where = `WHERE epoch_ns(end_time) >= ${from} AND epoch_ns(begin_time) <= ${to}`;
      const expected = await run(['sql', SMALL, '-e', sql.replace('ORDER', `${where} ORDER`)]);
      expect(ranged.stdout).toBe(expected.stdout);
      expect(ranged.stdout.split('\n').length).toBeLessThan(all.stdout.split('\n').length);
    },
    SLOW_MS,
  );

  test(
    'parquet reads back to the same rows',
    async () => {
      const file = join(dir, 'small.parquet');
      expect((await run(['export', SMALL, '--format', 'parquet', '-o', file])).code).toBe(0);
      const parquet = createRequire(import.meta.url)('parquet-wasm/node');
      const back = tableFromIPC(parquet.readParquet(readFileSync(file)).intoIPCStream());
      expect(back.numRows).toBe(SUMMARY.distinct_span_ids);
      expect(back.schema.fields.map((f) => f.name)).toContain('duration_ns');
    },
    SLOW_MS,
  );

  test(
    'an unknown process or a bad argument says so',
    async () => {
      const unknown = await run(['export', SMALL, '--format', 'perfetto', '--process', 'nope']);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr.join('\n')).toContain(SUMMARY.process_id);
      expect(parseExportArgs([SMALL, '--format', 'xml'])).toBeUndefined();
      expect(parseExportArgs([SMALL, '--format', 'csv', '--from', '1.5'])).toBeUndefined();
    },
    SLOW_MS,
  );
});
