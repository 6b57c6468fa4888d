// The sink queues writes so ingest never waits for the database: they run in call order, may be
// held back while the first view is built (released by hand, or when the memory budget is
// reached), and `finish` waits for all of them and reports the first failure.
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import type { Db } from './db';
import { TABLE_COLUMNS } from './schema';
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

/** Rows with weft_spans' columns (the sink checks names only). */
const spans = (n: number) =>
  tableToIPC(
    tableFromArrays(
      Object.fromEntries(TABLE_COLUMNS.weft_spans.map(([name]) => [name, new Int32Array(n)])),
    ),
    'stream',
  );

/** A database taking each write only when told (`take`), as DuckDB-WASM does: it takes the buffer. */
function slowDb() {
  const { db, writes } = fakeDb();
  const waiting: (() => void)[] = [];
  const insertIpc = db.insertIpc;
  db.insertIpc = async (table: string, ipc?: Uint8Array) => {
    await new Promise<void>((resolve) => waiting.push(resolve));
    if (ipc) structuredClone(ipc.buffer, { transfer: [ipc.buffer as ArrayBuffer] });
    await insertIpc(table);
  };
  const take = async () => {
    while (waiting.length === 0) await ticks();
    waiting.shift()!();
    await ticks();
  };
  return { db, writes, take };
}

/** Whether a promise has settled (after the tasks queued before this call ran). */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(() => (done = true));
  await ticks();
  return done;
}

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

  it('stores the rows given after a reset once it is over, and reports its failure', async () => {
    const { db, writes } = fakeDb();
    const sink = createDbSink(db);
    let reset: () => void = () => {};
    sink.after(new Promise<void>((resolve) => (reset = resolve)));
    await sink.insert('weft_process_keys', keys(3));
    await ticks();
    expect(writes).toEqual([]); // the database is still forgetting the old rows
    reset();
    await sink.finish();
    expect(writes).toEqual(['weft_process_keys']);
    sink.after(Promise.reject(new Error('cannot reset')));
    await sink.insert('weft_process_keys', keys(2));
    await expect(sink.finish()).rejects.toThrow('cannot reset');
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

  it('counts the bytes of a write whose buffer the database takes (DuckDB-WASM transfers it)', async () => {
    const { db, take } = slowDb();
    const sink = createDbSink(db);
    await sink.insert('weft_process_keys', keys(4));
    expect(sink.storedFraction()).toBe(0);
    await take();
    await sink.finish();
    expect(sink.storedFraction()).toBe(1);
  });

  it("gives a process's spans only while few bytes wait, and only once the writes run", async () => {
    const { db, writes, take } = slowDb();
    const small = keys(1).byteLength;
    const sink = createDbSink(db, small);
    const release = sink.hold();
    await sink.insert('weft_process_keys', keys(50)); // more than `small` waits: held, queued
    const given = sink.replaceSpans(0, spans(10));
    expect(await settled(given)).toBe(false); // held: the spans wait
    release();
    expect(await settled(given)).toBe(false); // the process keys still wait
    await take(); // the keys: nothing waits but the delete
    expect(await settled(given)).toBe(true);
    const next = sink.insert('weft_spans', spans(5));
    expect(await settled(next)).toBe(false); // the first spans wait
    await take();
    expect(await settled(next)).toBe(true);
    await take();
    await sink.finish();
    expect(writes).toEqual(['weft_process_keys', 'DELETE', 'weft_spans', 'weft_spans']);
    expect(sink.storedFraction()).toBe(1);
  });

  it('queues other rows while held whatever waits', async () => {
    const { db, writes, take } = slowDb();
    const sink = createDbSink(db, 1);
    const release = sink.hold();
    await sink.insert('weft_process_keys', keys(50));
    expect(await settled(sink.insert('weft_process_keys', keys(50)))).toBe(true);
    release();
    await take();
    await take();
    await sink.finish();
    expect(writes).toEqual(['weft_process_keys', 'weft_process_keys']);
  });
});
