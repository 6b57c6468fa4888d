// Node: loads capture files or folders into an in-memory DuckDB through the ingest scheduler,
// decoding on this thread or in a pool of worker_threads. Shared by `weft sql`, `export`, `stats`
// and `weft bench load`. Node only.
import { statSync } from 'node:fs';
import type { Db } from '../db/db';
import { openNodeDb } from '../db/node-db';
import { createDbSink } from '../db/sink';
import { inlinePort, metadataFirst, type IngestSource, type WorkerPort } from '../ingest/ports';
import type { IngestEvent, LoadSummary } from '../ingest/protocol';
import { Scheduler } from '../ingest/scheduler';
import type { Output } from './decode-command';
import { listInputPaths, readInput } from './files';
import { threadPort } from './thread-port';

export function fileSources(paths: string[]): IngestSource[] {
  return metadataFirst(
    listInputPaths(paths).map((path) => ({
      path,
      size: statSync(path).size,
      read: async () => readInput(path).bytes,
    })),
  );
}

/** `threads` 0: decode on this thread; else a pool of that many worker_threads. */
export function decodePorts(threads: number): WorkerPort[] {
  if (threads <= 0) return [inlinePort()];
  return Array.from({ length: threads }, () => threadPort());
}

export interface LoadResult {
  summary: LoadSummary;
  errors: string[];
}

/** Loads sources into `db` (an ingest session of its own). */
export async function loadInto(
  db: Db,
  sources: IngestSource[],
  ports: WorkerPort[],
): Promise<LoadResult> {
  const errors: string[] = [];
  const onEvent = (e: IngestEvent) => void (e.type === 'error' && errors.push(e.message));
  const scheduler = new Scheduler(ports, createDbSink(db), onEvent);
  try {
    return { summary: await scheduler.add(sources), errors };
  } finally {
    scheduler.terminate();
  }
}

/** Reports rejected inputs, what still waits, and load errors on stderr. */
export function reportProblems(result: LoadResult, out: Output): void {
  for (const r of result.summary.rejected) out.error(`rejected: ${r.message}`);
  for (const line of result.summary.waiting) out.error(`waiting: ${line}`);
  for (const message of result.errors) out.error(`error: ${message}`);
}

export async function openAndLoad(paths: string[], threads = 0) {
  const db = await openNodeDb();
  const result = await loadInto(db, fileSources(paths), decodePorts(threads));
  return { db, ...result };
}

/**
 * A command over loaded captures: without arguments (`parsed` undefined) it prints `usage` and
 * exits 2; else the paths are loaded, their problems reported on stderr, `run` gives the exit
 * code, and the database is closed whatever happens.
 */
export async function onLoadedCaptures<A extends { paths: string[]; threads?: number }>(
  parsed: A | undefined,
  usage: string,
  out: Output,
  run: (db: Db, args: A) => Promise<number>,
): Promise<number> {
  if (!parsed) {
    out.error(usage);
    return 2;
  }
  const { db, ...load } = await openAndLoad(parsed.paths, parsed.threads ?? 0);
  try {
    reportProblems(load, out);
    return await run(db, parsed);
  } finally {
    await db.close();
  }
}
