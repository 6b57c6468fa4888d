// The app's CaptureBackend over the data layer: one ingest client (decode worker pool) merging
// into one DuckDB-WASM database, and the named queries of src/queries. The database is opened
// by the caller (src/main.tsx starts it at once; it takes about a second). No React.
import type { Db } from '../db/db';
import { resetSchema } from '../db/schema';
import { createDbSink, type DbSink } from '../db/sink';
import { createIngestClient, type IngestClient } from '../ingest/client';
import type { IngestEvent, IngestProgress, InputBytes, Rejected } from '../ingest/protocol';
import type { SpanTable } from '../model/span-table';
import { exampleQueries } from '../queries/examples';
import { loadSpanTable } from '../queries/span-table';
import { spanRowsFile, type RowsFormat, type SpanRowsFilter } from '../queries/export';
import { runSql, sqlResultParquet } from '../queries/sql-console';
import { captureStats, listProcesses } from '../queries/stats';
import type {
  CaptureBackend,
  CaptureCounts,
  ExampleQuery,
  LoadCallbacks,
  LoadInput,
  LoadIssue,
  LoadProgress,
  ProcessSummary,
  SqlResult,
} from './backend';
import { spanColumnsInput } from './view-build';
import {
  buildSpanTable,
  buildPreviewTable,
  prepareViewWorker,
  warmViewWorkersWith,
} from './view-builder';
import { warmLoadPath } from './warm-up';
import type { SpanColumnsInput } from '../queries/span-table-columns';

export { spanColumnsInput };

/** A copy: the store keeps it while ingest goes on counting. */
export function toLoadProgress(p: IngestProgress): LoadProgress {
  return { ...p };
}

export function toIssue(r: Rejected): LoadIssue {
  const issue: LoadIssue = { kind: r.kind, fileName: r.fileName, reason: r.reason };
  if (r.blockId !== undefined) issue.blockId = r.blockId;
  if (r.offset !== undefined) issue.offset = r.offset;
  if (r.kind !== 'unreadable' && r.lost) issue.lost = r.lost;
  return issue;
}

function eventHandler(callbacks: LoadCallbacks) {
  return (event: IngestEvent) => {
    if (event.type === 'progress') {
      const progress = toLoadProgress(event.progress);
      callbacks.onProgress(progress);
      callbacks.onMergedSome?.(progress);
    } else if (event.type === 'rejected') callbacks.onIssue(toIssue(event.rejected));
    else if (event.type === 'merged') callbacks.onMerged?.();
    else if (event.type === 'error')
      callbacks.onIssue({ kind: 'internal', fileName: 'weft', reason: event.message });
  };
}

export class DataLayerBackend implements CaptureBackend {
  private client: IngestClient | null = null;
  private sink: DbSink | null = null;
  /** The release of the sink's hold, while indexing is held back. */
  private releaseHold: (() => void) | null = null;
  private held = false;
  /** A load was asked for (a warm-up after it would only take CPU from it). */
  private loading = false;
  /** Aborted by the first load: this thread's warm-up stops then. */
  private readonly warming = new AbortController();

  /**
   * `warmUpFiles`: what the decode workers decode once started, before any load (the page's
   * sample), so V8 has optimized the decoder when the first drop comes. `onSample`: given the
   * sample's process once this thread has loaded it (the renderer's warm-up; `signal` ends with
   * the first load).
   */
  constructor(
    private readonly db: Promise<Db>,
    warmUpFiles: () => Promise<InputBytes[]> = async () => [],
    onSample: (input: SpanColumnsInput, signal: AbortSignal) => void = () => {},
  ) {
    // the decode workers start (their modules load and compile) and warm up while the page waits
    // for input, not after the first drop; a failing database is reported by the first load
    this.ingest()
      .then(async (client) => {
        const files = await warmUpFiles();
        if (files.length === 0 || this.loading) return;
        client.warmUp(files);
        const sample = await warmLoadPath(files, this.warming.signal);
        if (!sample || this.loading) return;
        warmViewWorkersWith(sample);
        onSample(sample, this.warming.signal);
      })
      .catch(() => {});
    prepareViewWorker();
  }

  /**
   * Ingest does not wait for the database to start (DuckDB-WASM: ~1 s, more on a busy machine):
   * its sink's writes do, and they are held back until the first view anyway, which is built
   * from ingest's own columns. So the page's first load (the sample, a ?process=) decodes, merges
   * and shows while the database starts.
   */
  private async ingest(): Promise<IngestClient> {
    this.sink ??= createDbSink(this.db);
    this.client ??= createIngestClient({ sink: this.sink });
    return this.client;
  }

  holdIndexing(): () => void {
    this.held = true;
    if (this.sink && !this.releaseHold) this.releaseHold = this.sink.hold();
    return () => {
      this.held = false;
      this.releaseHold?.();
      this.releaseHold = null;
    };
  }

  indexedFraction(): number {
    return this.sink?.storedFraction() ?? 1;
  }

  async load(inputs: LoadInput[], callbacks: LoadCallbacks, signal: AbortSignal): Promise<void> {
    this.loading = true;
    this.warming.abort();
    const client = await this.ingest();
    if (this.held && !this.releaseHold) this.releaseHold = this.sink!.hold();
    const summary = await client.load(inputs, { signal, onEvent: eventHandler(callbacks) });
    callbacks.onWaiting?.(summary.waiting);
  }

  async reset(): Promise<void> {
    // nothing was loaded yet (the client may be up, warming up: no need to wait for the database)
    if (!this.client || !this.loading) return;
    this.client.reset();
    // the database forgets the old rows while the next load decodes: the sink's writes, held
    // until its first view anyway, wait for that (~40-90 ms of DuckDB's before a drop's decode)
    this.sink!.after(this.db.then(resetSchema));
  }

  async counts(): Promise<CaptureCounts> {
    const stats = await captureStats(await this.db);
    return {
      processes: stats.processes,
      threads: stats.threads,
      spans: stats.spans,
      events: stats.events,
    };
  }

  mergedProcesses(): ProcessSummary[] {
    return this.client?.processes() ?? [];
  }

  async processes(): Promise<ProcessSummary[]> {
    const list = await listProcesses(await this.db);
    return list.map((p) => ({
      processId: p.processId,
      exe: p.exe,
      spans: p.spans,
      threads: p.threads,
      events: p.events,
    }));
  }

  /** From ingest's columns (what the database holds, without a round trip through it). */
  holdRows(): () => void {
    let release = () => {};
    const until = new Promise<void>((resolve) => (release = resolve));
    this.client?.holdRows(until);
    return release;
  }

  async spanTable(processId: string): Promise<SpanTable> {
    if (!this.client) return loadSpanTable(await this.db, processId);
    return buildSpanTable(spanColumnsInput(this.client.processSpans(processId)));
  }

  previewTable(processId: string, signal?: AbortSignal): Promise<SpanTable> {
    if (!this.client) return Promise.reject(new Error('nothing is loading'));
    return buildPreviewTable(spanColumnsInput(this.client.processSpans(processId)), signal);
  }

  async runSql(sql: string): Promise<SqlResult> {
    const result = await runSql(await this.db, sql);
    return {
      columns: result.columns,
      rowCount: result.rowCount,
      keptRows: result.keptRows,
      rowAt: result.rowAt,
      elapsedMs: result.elapsedMs,
    };
  }

  async spanRowsFile(filter: SpanRowsFilter, format: RowsFormat) {
    return spanRowsFile(await this.db, filter, format);
  }

  async sqlParquet(sql: string): Promise<Uint8Array> {
    return sqlResultParquet(await this.db, sql);
  }

  exampleQueries(processId: string | null): ExampleQuery[] {
    if (processId === null) return [];
    return exampleQueries(processId).map((q) => ({ title: q.title, sql: q.sql }));
  }
}
