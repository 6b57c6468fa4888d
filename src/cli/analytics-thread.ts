// weft serve's analytics thread: owns the analytics DuckDB (src/db/analytics-db.ts), reads the
// capture files the main thread names (read-only), and answers queries with frames. Events of
// cpu streams are decoded (ingest, for view_instance('async_events', …)) only when a query
// asks for them, so listing processes and raw mode never wait for a decode. Node only.
import { readFile, stat } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { openAnalyticsDb, type AnalyticsDb } from '../db/analytics-db';
import { createDbSink } from '../db/sink';
import { bytesSource, inlinePort, type IngestSource } from '../ingest/ports';
import { Scheduler } from '../ingest/scheduler';
import type { FromAnalytics, NewFile, QueryMessage, ToAnalytics } from './analytics-protocol';
import { resultFrames } from './analytics-frames';
import { errorFrame } from '../remote/frame-writer';
import { registerLz4Codec } from '../server/lz4-encoder';
import { AnalyticsRows } from './analytics-rows';

const port = parentPort!;
const post = (message: FromAnalytics, transfer: ArrayBuffer[] = []) =>
  port.postMessage(message, transfer);

interface State {
  db: AnalyticsDb;
  scheduler: Scheduler;
  undecoded: IngestSource[];
  cancelled: Set<number>;
}

async function open(): Promise<State> {
  const db = await openAnalyticsDb();
  const scheduler = new Scheduler([inlinePort()], createDbSink(db.weft), () => {});
  return { db, scheduler, undecoded: [], cancelled: new Set() };
}

async function sync(state: State, files: NewFile[]): Promise<void> {
  const rows = new AnalyticsRows();
  for (const file of files) {
    try {
      const [bytes, info] = await Promise.all([readFile(file.absPath), stat(file.absPath)]);
      const own = new Uint8Array(bytes);
      rows.add(own, file.path, BigInt(Math.round(info.mtimeMs * 1e6)));
      state.undecoded.push(bytesSource(file.path, own));
    } catch (error) {
      post({ type: 'skipped', path: file.path, reason: (error as Error).message });
    }
  }
  for (const [table, ipc] of rows.drain()) state.db.insert(table, ipc);
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

async function answer(state: State, m: QueryMessage): Promise<void> {
  try {
    await respond(state, m);
  } catch (error) {
    // Our own failure (not the query's): the answer still ends, with an error frame.
    const frame = errorFrame('INTERNAL', `weft: ${(error as Error).message}`);
    post({ type: 'chunk', id: m.id, bytes: frame }, [frame.buffer as ArrayBuffer]);
  } finally {
    state.cancelled.delete(m.id);
    post({ type: 'end', id: m.id });
  }
}

async function respond(state: State, m: QueryMessage): Promise<void> {
  await sync(state, m.files);
  if (/view_instance/i.test(m.sql) && state.undecoded.length > 0)
    await state.scheduler.add(state.undecoded.splice(0));
  const result = state.db.run(m.sql, { beginNs: m.beginNs, endNs: m.endNs })[Symbol.iterator]();
  try {
    let sent = 0;
    for (const bytes of resultFrames({ [Symbol.iterator]: () => result }, m)) {
      const own =
        bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
          ? bytes
          : bytes.slice();
      post({ type: 'chunk', id: m.id, bytes: own }, [own.buffer as ArrayBuffer]);
      if (++sent % 16 === 0) await tick(); // lets a cancel in
      if (state.cancelled.has(m.id)) break;
    }
  } finally {
    result.return?.();
  }
}

registerLz4Codec();
const state = open();
let queue = Promise.resolve();
port.on('message', (message: ToAnalytics) => {
  if (message.type === 'cancel') return void state.then((s) => s.cancelled.add(message.id));
  queue = queue.then(async () => answer(await state, message));
});
