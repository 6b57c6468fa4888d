// A load whose spans wait for DuckDB (db/sink.ts gives a process's spans only while few bytes wait,
// and only once the writes run) leaves the rows a load given every row at once leaves. Here the
// writes are held from the start and released once the load's blocks are merged, as the app
// releases them after its first view, and the spans wait whenever anything else does (a limit of
// one byte): every part of every process waits for the one before to be stored.
import type { Table } from 'apache-arrow';
import { beforeAll, describe, expect, test } from 'vitest';
import { bytesSource, inlinePort } from '../ingest/ports';
import { Scheduler } from '../ingest/scheduler';
import type { Db } from './db';
import { openNodeDb } from './node-db';
import { createDbSink } from './sink';
import { fixtureFiles, loadFixture, resetDb } from './testing';

let db: Db;
beforeAll(async () => {
  db = await openNodeDb();
});

/** Each table's columns in a fixed row order: typed arrays as their bytes, others as JSON. */
async function tables(): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const read = async (name: string, sql: string) => {
    const table: Table = await db.query(sql);
    for (const f of table.schema.fields) {
      const v: unknown = table.getChild(f.name)!.toArray();
      const bytes = ArrayBuffer.isView(v)
        ? Buffer.from(v.buffer, v.byteOffset, v.byteLength)
        : Buffer.from(JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? `${x}n` : x)));
      out.set(`${name}.${f.name}`, bytes);
    }
  };
  await read('weft_spans', 'SELECT * FROM weft_spans ORDER BY process_key, span_id');
  await read(
    'weft_events',
    'SELECT * FROM weft_events ORDER BY block_key, span_id, event_type, ticks',
  );
  await read('async_spans', 'SELECT * FROM async_spans ORDER BY process_id, span_id');
  return out;
}

/** Names of the columns of `a` that differ in `b` (toEqual is slow on 10^5-long columns). */
const differing = (a: Map<string, Buffer>, b: Map<string, Buffer>) =>
  [...a].filter(([name, bytes]) => !b.get(name)?.equals(bytes)).map(([name]) => name);

describe('spans given as DuckDB takes them', () => {
  test('medium, held until merged: the rows of a load given at once', async () => {
    await resetDb(db);
    await loadFixture(db, 'medium');
    const atOnce = await tables();

    await resetDb(db);
    const sink = createDbSink(db, 1);
    const release = sink.hold();
    let merged = false;
    const scheduler = new Scheduler([inlinePort()], sink, (event) => {
      if (event.type !== 'merged') return;
      merged = true;
      setTimeout(release, 0); // after the event, as the app's first view
    });
    const files = fixtureFiles('medium').map(([name, bytes]) => bytesSource(name, bytes));
    const summary = await scheduler.add(files);
    scheduler.terminate();
    expect(merged).toBe(true);
    expect(summary.rejected).toEqual([]);
    const after = await tables();
    expect(after.size).toBe(atOnce.size);
    expect(differing(atOnce, after)).toEqual([]);
  });
});
