// The port the app store loads captures through: ingest into the database, then ask it questions.
// src/store/capture-backend.ts implements it over src/ingest, src/db and src/queries; tests use a
// fake. Plain data only: no React, no DOM beyond File.
import type { IngestProgress } from '../ingest/protocol';
import type { SpanTable } from '../model/span-table';
import type { RowsFormat, SpanRowsFilter } from '../queries/export';

/**
 * One input to load: a dropped or picked file, a URL listed by a capture's manifest, or bytes
 * already in memory (a body rebuilt from a micromegas analytics server, src/remote).
 */
export type LoadInput =
  | { kind: 'file'; file: File; path: string }
  | { kind: 'url'; url: string; path: string }
  | { kind: 'bytes'; bytes: Uint8Array; path: string };

/** Files, bytes and blocks loaded so far (ingest's own progress report, plain data). */
export type LoadProgress = IngestProgress;

/** A rejected input or part of one: named so the user can find it. */
export interface LoadIssue {
  /** 'not-micromegas' marks a skipped file (not an error); else corrupt-envelope, corrupt-block… */
  kind?: string;
  fileName: string;
  blockId?: string;
  offset?: number;
  reason: string;
  /** Blocks whose events this rejection lost, and their event count (`nb_objects`) when known. */
  lost?: { blocks: number; objects?: number };
  /** The load that met it (see ProcessOrigin in shown.ts); unset for issues of no load. */
  loadId?: number;
}

/** A file that is not micromegas data is skipped and listed, not counted as an error. */
export function isError(issue: LoadIssue): boolean {
  return issue.kind !== 'not-micromegas';
}

export interface CaptureCounts {
  processes: number;
  /** Streams tagged `cpu`. */
  threads: number;
  /** Distinct process + span id. */
  spans: number;
  /** Async begin + end events. */
  events: number;
}

export interface ProcessSummary {
  processId: string;
  exe: string;
  /** Spans of this process (distinct span ids). */
  spans: number;
  /** Its streams tagged `cpu`. */
  threads: number;
  /** Its async begin + end events. */
  events: number;
}

export interface SqlResult {
  columns: string[];
  /** Rows the query returned. */
  rowCount: number;
  /** Rows held (at most queries' SQL_ROW_CAP): rowAt(0 … keptRows - 1). */
  keptRows: number;
  /** Display text of row i's cells, rendered when asked (a huge result renders what is shown). */
  rowAt(i: number): string[];
  elapsedMs: number;
}

export interface ExampleQuery {
  title: string;
  sql: string;
}

export interface LoadCallbacks {
  onProgress(progress: LoadProgress): void;
  onIssue(issue: LoadIssue): void;
  /** What still waits for a missing file, in words ("3 blocks of stream 35c7… wait for…"). */
  onWaiting?(lines: string[]): void;
  /**
   * Everything is decoded and merged: `mergedProcesses` and `spanTable` can answer, while the
   * database is still indexing (its queries wait until `load` resolves).
   */
  onMerged?(): void;
  /**
   * A task's blocks are merged (called at once, between two merges: `mergedProcesses` and
   * `previewTable` answer with what is merged so far, every column at the same point).
   */
  onMergedSome?(progress: LoadProgress): void;
}

export interface CaptureBackend {
  /** Loads inputs into the database; resolves when all are read or `signal` aborts. */
  load(inputs: LoadInput[], callbacks: LoadCallbacks, signal: AbortSignal): Promise<void>;
  /**
   * Forgets everything loaded so far. The database may still be forgetting when it resolves: the
   * next load's rows wait for it.
   */
  reset(): Promise<void>;
  counts(): Promise<CaptureCounts>;
  /** The processes merged so far, as `processes()` lists them, without asking the database. */
  mergedProcesses(): ProcessSummary[];
  /** Bytes the database has stored / was given so far (1 when nothing waits). */
  indexedFraction(): number;
  /**
   * Holds the database's writes back until the returned release is called (or a memory budget
   * is reached), so it does not take CPU from decoding and the first view.
   */
  holdIndexing(): () => void;
  /**
   * Call from `onMerged`: ingest builds the database's rows of the step just merged only once
   * the returned release is called (idempotent): after the first view's copy of ingest's columns,
   * its build and its frame (src/store/drawn.ts), which have the cores to themselves.
   */
  holdRows(): () => void;
  processes(): Promise<ProcessSummary[]>;
  /** The span table of a process. */
  spanTable(processId: string): Promise<SpanTable>;
  /**
   * The span table of what a load has merged so far (a preview while it goes on): the columns
   * are copied before it returns, so call it from `onMergedSome`, between two merges. `signal`
   * cancels its build (it rejects).
   */
  previewTable(processId: string, signal?: AbortSignal): Promise<SpanTable>;
  runSql(sql: string): Promise<SqlResult>;
  /** The whole result of `sql` (read-only) as a Parquet file. */
  sqlParquet(sql: string): Promise<Uint8Array>;
  /** async_spans rows (a process, an epoch-ns range, span ids) as CSV or Parquet file parts. */
  spanRowsFile(filter: SpanRowsFilter, format: RowsFormat): Promise<(string | Uint8Array)[]>;
  /** Ready-made queries for the SQL console, written for one process (or none loaded). */
  exampleQueries(processId: string | null): ExampleQuery[];
}
