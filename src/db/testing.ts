// Test helpers (Node only): load real fixture captures into a DuckDB through the ingest scheduler
// with in-process workers, and read query results as plain values.
import { join } from 'node:path';
import type { Table } from 'apache-arrow';
import { FIXTURES, readCborFiles } from '../decode/testing';
import { bytesSource, inlinePort } from '../ingest/ports';
import type { IngestEvent, LoadSummary } from '../ingest/protocol';
import { Scheduler } from '../ingest/scheduler';
import type { Db, SqlParam } from './db';
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

/** Loads [name, bytes] files into `db`; returns the summary and every event emitted. */
export async function loadFiles(
  db: Db,
  files: [string, Uint8Array][],
  options: LoadOptions = {},
): Promise<{ summary: LoadSummary; events: IngestEvent[] }> {
  const ports = Array.from({ length: options.workers ?? 1 }, () => inlinePort(options.delayMs));
  const events: IngestEvent[] = [];
  const scheduler = new Scheduler(ports, createDbSink(db), (e) => events.push(e));
  const summary = await scheduler.add(files.map(([name, bytes]) => bytesSource(name, bytes)));
  scheduler.terminate();
  return { summary, events };
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
