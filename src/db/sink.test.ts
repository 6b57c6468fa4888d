// The sink queues writes so ingest never waits for the database: they run in call order, may be
// held back while the first view is built (released by hand, or when the memory budget is
// reached), and `finish` waits for all of them and reports the first failure.
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import type { Db } from './db';
import { createDbSink } from './sink';

function fakeDb() {
  const writes: string[] = [];
  let fail = '';
  const db = {
    async query(sql: string) {
      writes.push(sql.split(' ')[0]);
      return null as never;
    },
    async insertIpc(table: string) {
      await Promise.resolve();
      if (fail && table === fail) throw new Error(`cannot store ${table}`);
      writes.push(table);
    },
    async close() {},
  } satisfies Db;
  return { db, writes, failOn: (table: string) => (fail = table) };
}

const keys = (n: number) =>
  tableToIPC(
    tableFromArrays({
      process_key: Int32Array.from({ length: n }, (_, i) => i),
      process_id: Array.from({ length: n }, (_, i) => `p${i}`),
    }),
    'stream',
  );

const ticks = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the database sink', () => {
  it('takes rows before the database has started, and stores them once it has', async () => {
    const { db, writes } = fakeDb();
    let start: (db: Db) => void = () => {};
    const sink = createDbSink(new Promise<Db>((resolve) => (start = resolve)));
    await sink.insert('weft_process_keys', keys(2));
    await sink.setTimeConverter('p0', 1e9);
    await ticks();
    expect(writes).toEqual([]);
    start(db);
    await sink.finish();
    expect(writes).toEqual(['weft_process_keys', 'INSERT']);
  });

  it('fails the step when the database never starts', async () => {
    const sink = createDbSink(Promise.reject(new Error('no WebAssembly')));
    await sink.insert('weft_process_keys', keys(1));
    await expect(sink.finish()).rejects.toThrow('no WebAssembly');
  });

  it('returns before the rows are stored, and stores them in call order', async () => {
    const { db, writes } = fakeDb();
    const sink = createDbSink(db);
    await sink.insert('weft_process_keys', keys(2));
    await sink.setTimeConverter('p0', 1e9);
    expect(writes).toEqual([]);
    // rows with the wrong columns are refused before anything of them is queued
    await expect(sink.replaceSpans(0, keys(1))).rejects.toThrow('rows for weft_spans');
    await sink.finish();
    expect(writes).toEqual(['weft_process_keys', 'INSERT']);
  });

  it('holds writes back until released, and tells how much is stored', async () => {
    const { db, writes } = fakeDb();
    const sink = createDbSink(db);
    const release = sink.hold();
    await sink.insert('weft_process_keys', keys(3));
    await sink.insert('weft_process_keys', keys(5));
    await ticks();
    expect(writes).toEqual([]);
    expect(sink.storedFraction()).toBe(0);
    release();
    release(); // idempotent
    await sink.finish();
    expect(writes).toEqual(['weft_process_keys', 'weft_process_keys']);
    expect(sink.storedFraction()).toBe(1);
  });

  it('reports the first failure once, at finish, and goes on with later writes', async () => {
    const { db, writes, failOn } = fakeDb();
    const sink = createDbSink(db);
    failOn('weft_process_keys');
    await sink.insert('weft_process_keys', keys(1));
    await sink.setTimeConverter('p0', 1e9);
    await expect(sink.finish()).rejects.toThrow('cannot store weft_process_keys');
    expect(writes).toEqual(['INSERT']);
    await expect(sink.finish()).resolves.toBeUndefined();
  });
});
