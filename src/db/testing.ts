// Test helpers (Node only): load real fixture captures into a DuckDB through the ingest scheduler
// with in-process workers, and read query results as plain values.
import { join } from 'node:path';
import type { Table } from 'apache-arrow';
import { FIXTURES, readCborFiles } from '../decode/testing';
import { bytesSource, inlinePort } from '../ingest/ports';
import type { IngestEvent, LoadSummary } from '../ingest/protocol';
import { Scheduler } from '../ingest/scheduler';
import type { Db, SqlParam } from './db';
import { resetSchema } from './schema';
import { createDbSink } from './sink';

export interface LoadOptions {
  workers?: number;
  /** Per-reply delay of the in-process workers, to make them finish out of order. */
  delayMs?: () => number;
  order?: 'natural' | 'blocks-first' | 'reversed';
}

export function fixtureFiles(name: string, order: LoadOptions['order'] = 'natural') {
  const files = readCborFiles(join(FIXTURES, name));
  if (order === 'reversed') files.reverse();
  if (order === 'blocks-first') {
    files.sort(([a], [b]) => Number(!a.startsWith('blocks')) - Number(!b.startsWith('blocks')));
  }
  return files;
}

interface Session {
  scheduler: Scheduler;
  events: IngestEvent[];
  workers: number;
}

/** One scheduler per database, as the app keeps one ingest client: later loads append. */
const sessions = new WeakMap<Db, Session>();

function sessionFor(db: Db, options: LoadOptions): Session {
  const workers = options.workers ?? 1;
  let session = sessions.get(db);
  if (session && options.workers !== undefined && options.workers !== session.workers) {
    throw new Error('another pool size needs resetDb(db) first');
  }
  if (!session) {
    const ports = Array.from({ length: workers }, () => inlinePort(options.delayMs));
    const events: IngestEvent[] = [];
    const scheduler = new Scheduler(ports, createDbSink(db), (e) => events.push(e));
    session = { scheduler, events, workers };
    sessions.set(db, session);
  }
  return session;
}

/** The ingest scheduler that loaded `db` (its merged state), if any. */
export function schedulerOf(db: Db): Scheduler | undefined {
  return sessions.get(db)?.scheduler;
}

/** Empties the tables and forgets the ingest session. */
export async function resetDb(db: Db): Promise<void> {
  sessions.get(db)?.scheduler.terminate();
  sessions.delete(db);
  await resetSchema(db);
}

/** Loads [name, bytes] files into `db`; returns the summary and the events of this load. */
export async function loadFiles(
  db: Db,
  files: [string, Uint8Array][],
  options: LoadOptions = {},
): Promise<{ summary: LoadSummary; events: IngestEvent[] }> {
  const session = sessionFor(db, options);
  const from = session.events.length;
  const summary = await session.scheduler.add(
    files.map(([name, bytes]) => bytesSource(name, bytes)),
  );
  return { summary, events: session.events.slice(from) };
}

export function loadFixture(db: Db, name: string, options: LoadOptions = {}) {
  return loadFiles(db, fixtureFiles(name, options.order), options);
}

/** Rows as plain objects (bigints kept). */
export async function rows(db: Db, sql: string, params: SqlParam[] = []) {
  const table: Table = await db.query(sql, params);
  return table.toArray().map((row) => row.toJSON() as Record<string, unknown>);
}

/** The single value of a one-row, one-column result, as a number. */
export async function scalar(db: Db, sql: string, params: SqlParam[] = []): Promise<number> {
  const [row] = await rows(db, sql, params);
  return Number(Object.values(row)[0]);
}
