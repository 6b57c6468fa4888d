// The span table the app shows is built from ingest's columns (spanColumnsInput +
// spanTableFromColumns); it must equal the one read from the database (loadSpanTable, checked
// against the oracle in src/queries/queries.test.ts), value for value, in every load situation.
import { beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../db/db';
import { openNodeDb } from '../db/node-db';
import { fixtureFiles, loadFiles, loadFixture, resetDb, schedulerOf } from '../db/testing';
import { expectedSummary } from '../decode/testing';
import { loadSpanTable } from '../queries/span-table';
import { captureStats, listProcesses } from '../queries/stats';
import { spanTableFromColumns } from '../queries/span-table-columns';
import { spanColumnsInput } from './capture-backend';

let db: Db;
beforeAll(async () => {
  db = await openNodeDb();
});

function fromColumns(processId: string) {
  return spanTableFromColumns(spanColumnsInput(schedulerOf(db)!.processSpans(processId)));
}

async function expectSameTables(processIds: string[]) {
  for (const processId of processIds) {
    const expected = await loadSpanTable(db, processId);
    expect(fromColumns(processId)).toEqual(expected);
  }
}

describe('span table from columns equals the one from the database', () => {
  test('every fixture, loaded together by a pool', async () => {
    await resetDb(db);
    const names = ['small', 'unclosed', 'mixed', 'medium'];
    for (const name of names) await loadFixture(db, name, { workers: 3 });
    const pids = names.map((n) => expectedSummary(n).process_id);
    await expectSameTables([...pids, '00000000-0000-0000-0000-000000000000']);
    // the process list the first view is chosen from, before the database has it
    const listed = (await listProcesses(db)).map((p) => ({
      processId: p.processId,
      exe: p.exe,
      spans: p.spans,
      threads: p.threads,
      events: p.events,
    }));
    expect(schedulerOf(db)!.processes()).toEqual(listed);
    // the status bar's process count before the database has it (first-view.ts) is SQL's
    expect(schedulerOf(db)!.processes().length).toBe((await captureStats(db)).processes);
    expect(fromColumns(pids[3]).length).toBe(expectedSummary('medium').distinct_span_ids);
    // four captures through a pool of three: minutes, not seconds, on a busy shared machine
  }, 240_000);

  test('before and after the process file, and when a later block changes the converter', async () => {
    await resetDb(db);
    const pid = expectedSummary('unclosed').process_id;
    const files = fixtureFiles('unclosed');
    const isProcess = ([path]: [string, Uint8Array]) => path === 'process.cbor';
    const blocks = files.filter(([path]) => path.startsWith('blocks/'));
    const later = blocks.slice(-3);
    await loadFiles(
      db,
      files.filter((f) => !isProcess(f) && !later.includes(f)),
    );
    await expectSameTables([pid]);
    expect(fromColumns(pid).threads.length).toBeGreaterThan(0);
    await loadFiles(db, files.filter(isProcess));
    await expectSameTables([pid]);
    await loadFiles(db, later);
    await expectSameTables([pid]);
  });
});
