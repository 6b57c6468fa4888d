// `weft bench load <path>...`: events per second from capture files (already in memory) to
// queryable DuckDB tables (decoded, inserted, spans built and stored), decoding on this thread,
// then in a pool of worker_threads. In Node, DuckDB runs on the main thread, so the pool overlaps
// decoding with inserts but inserts stay serial. One untimed warm-up load first. Prints figures;
// asserts nothing.
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Db } from '../db/db';
import { openNodeDb } from '../db/node-db';
import { resetSchema } from '../db/schema';
import { createDbSink } from '../db/sink';
import { bytesSource, type IngestSink, type IngestSource, type WorkerPort } from '../ingest/ports';
import { Scheduler } from '../ingest/scheduler';
import { captureStats } from '../queries/stats';
import type { Output } from './decode-command';
import { decodeOnlyMs } from './decode-alone';
import { decodePorts, fileSources } from './load-captures';

interface RunFigures {
  totalMs: number;
  finishMs: number;
  events: number;
}

/** The db sink, timing its end-of-load work (storing spans, waiting for the last insert). */
function timedSink(db: Db, figures: RunFigures): IngestSink {
  const sink = createDbSink(db);
  const timed = async (step: () => Promise<void>) => {
    const start = performance.now();
    await step();
    figures.finishMs += performance.now() - start;
  };
  return {
    insert: (table, ipc) => sink.insert(table, ipc),
    replaceSpans: (processKey, ipc) => timed(() => sink.replaceSpans(processKey, ipc)),
    setTimeConverter: (processId, frequency) => sink.setTimeConverter(processId, frequency),
    finish: () => timed(() => sink.finish()),
  };
}

/** Starts every thread of a pool (tsx compiles the worker in each) before timing anything. */
async function warmUp(ports: WorkerPort[]): Promise<void> {
  const idle: IngestSink = {
    insert: async () => {},
    replaceSpans: async () => {},
    setTimeConverter: async () => {},
    finish: async () => {},
  };
  const junk = ports.map((_, i) => bytesSource(`warm-up-${i}`, new Uint8Array([0xf6])));
  await new Scheduler(ports, idle, () => {}).add(junk);
}

async function run(db: Db, sources: IngestSource[], ports: WorkerPort[]): Promise<RunFigures> {
  await resetSchema(db);
  const figures: RunFigures = { totalMs: 0, finishMs: 0, events: 0 };
  const scheduler = new Scheduler(ports, timedSink(db, figures), () => {});
  const start = performance.now();
  const summary = await scheduler.add(sources);
  figures.totalMs = performance.now() - start;
  scheduler.terminate();
  if (summary.rejected.length > 0) throw new Error(`rejected: ${summary.rejected[0].message}`);
  figures.events = (await captureStats(db)).events;
  return figures;
}

function describe(label: string, f: RunFigures): string {
  const rate = f.events / (f.totalMs / 1e3) / 1e6;
  return (
    `${label}: ${f.totalMs.toFixed(0)} ms = ${rate.toFixed(2)} M events/s ` +
    `(of which storing spans + the last insert ${f.finishMs.toFixed(0)} ms)`
  );
}

export async function benchLoad(paths: string[], out: Output): Promise<number> {
  const inMemory = await Promise.all(
    fileSources(paths).map(async (s) => ({ path: s.path, bytes: await s.read() })),
  );
  const files = inMemory.map(({ path, bytes }) => bytesSource(path, bytes));
  const bytes = files.reduce((n, f) => n + (f.size ?? 0), 0);
  const threads = Math.max(1, availableParallelism());
  const db = await openNodeDb();
  await run(db, files, decodePorts(0)); // warm-up: grows DuckDB's memory, compiles the JS
  const single = await run(db, files, decodePorts(0));
  const decodeMs = decodeOnlyMs(inMemory); // before the pool: its workers take the buffers
  const pool = decodePorts(threads);
  await warmUp(pool);
  const pooled = await run(db, files, pool);
  await db.close();
  await out.write(
    [
      `input: ${paths.join(' ')} (${files.length} files, ${(bytes / 1e6).toFixed(1)} MB, ${single.events} async events)`,
      describe('1 worker (this thread)', single),
      describe(`pool of ${threads} worker_threads`, pooled),
      `decode alone on this thread (no database): ${decodeMs.toFixed(0)} ms`,
      '',
    ].join('\n'),
  );
  return 0;
}
