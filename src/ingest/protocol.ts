// The ingest protocol: every message between the main-thread scheduler and the decode workers, as
// discriminated unions, plus the plain-data types the client reports (progress, rejected inputs).
// Bytes always travel in transfer lists. No DOM, no Node APIs, no DuckDB.
import type { BlockMeta } from '../decode/block';
import type { ProcessInfo, StreamInfo } from '../decode/envelope';
import type { RejectedInput } from '../decode/errors';
import type { AsyncEventColumns, Scope } from '../decode/event-columns';

/** The tables ingest fills; their columns are declared in src/db/schema.ts. */
export type IngestTable =
  | 'processes'
  | 'streams'
  | 'blocks'
  | 'weft_process_keys'
  | 'weft_blocks'
  | 'weft_scopes'
  | 'weft_events'
  | 'weft_spans';

/** Status of a block in the `blocks` table. */
export type BlockStatus = 'decoded' | 'counted' | 'rejected';

/** A decoded block's async events: columns (their buffers are transferred) and their scopes. */
export interface DecodedEvents {
  columns: AsyncEventColumns;
  scopes: Scope[];
}

// ---- main thread → worker -------------------------------------------------------------------

export type ToWorker =
  /** Stream metadata (UDTs), broadcast to every worker once the scheduler has merged it. */
  | { type: 'stream'; stream: StreamInfo }
  /** One file to classify and decode; `bytes` is transferred. */
  | { type: 'task'; taskId: number; fileName: string; bytes: Uint8Array }
  /** Forget all stream metadata (the capture was reset). */
  | { type: 'reset' }
  /**
   * Decode these files `passes` times on a core of their own and answer nothing: V8 optimizes
   * the decoder while the page waits for input, not during the first load (worker-core.ts).
   */
  | { type: 'warm-up'; files: InputBytes[]; passes: number };

/** A file's path and bytes. */
export interface InputBytes {
  path: string;
  bytes: Uint8Array;
}

// ---- worker → main thread -------------------------------------------------------------------

/** An Arrow IPC stream (`tableToIPC(table, 'stream')`) of rows for one table. */
export interface IpcRows {
  table: IngestTable;
  ipc: Uint8Array;
  rows: number;
}

export type TaskOutcome =
  | { kind: 'process'; process: ProcessInfo; rows: IpcRows }
  | { kind: 'stream'; stream: StreamInfo; rows: IpcRows }
  /**
   * A block whose stream the worker knew, with its events when decoded. Keys, spans and Arrow
   * rows of events are made where blocks are merged, in merge order (see merged-rows.ts).
   */
  | {
      kind: 'block';
      meta: BlockMeta;
      status: BlockStatus;
      events?: DecodedEvents;
      rejected?: RejectedInput;
    }
  /** A block whose stream metadata has not reached this worker: the bytes come back. */
  | { kind: 'deferred'; meta: BlockMeta; fileName: string; bytes: Uint8Array }
  /** Not a micromegas body, or an envelope that cannot be read. */
  | { kind: 'rejected'; rejected: RejectedInput };

export type FromWorker =
  | { type: 'result'; taskId: number; outcome: TaskOutcome }
  /** A bug in our own code while handling a task (never bad input): the task is lost. */
  | { type: 'crash'; taskId: number; message: string };

function eventBuffers(columns: AsyncEventColumns | undefined): ArrayBuffer[] {
  if (!columns) return [];
  const { ticks, eventType, spanId, parentSpanId, depth, scope } = columns;
  const arrays = [ticks, eventType, spanId, parentSpanId, depth, scope];
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}

/** The transfer list of a message: every byte buffer it carries. */
export function transferablesOf(message: ToWorker | FromWorker): ArrayBuffer[] {
  if (message.type === 'task') return [message.bytes.buffer as ArrayBuffer];
  if (message.type !== 'result') return [];
  const { outcome } = message;
  if (outcome.kind === 'deferred') return [outcome.bytes.buffer as ArrayBuffer];
  if (outcome.kind === 'block') return eventBuffers(outcome.events?.columns);
  if (outcome.kind === 'process' || outcome.kind === 'stream') {
    return [outcome.rows.ipc.buffer as ArrayBuffer];
  }
  return [];
}

// ---- what the client reports ----------------------------------------------------------------

/** A rejected input: a decode error, or a file that could not be read at all. */
export type Rejected = RejectedInput | UnreadableInput;

export interface UnreadableInput {
  kind: 'unreadable';
  fileName: string;
  blockId?: undefined;
  offset?: undefined;
  reason: string;
  message: string;
}

export interface IngestProgress {
  filesDone: number;
  filesTotal: number;
  /** Bytes read from their sources (reading runs ahead of decoding and merging). */
  bytesRead: number;
  /** Bytes of the files merged (decoded and their rows made). */
  bytesDone: number;
  /** Sum of the known sizes of the inputs (a URL's size is known once fetched). */
  bytesTotal: number;
  /** Blocks merged into the tables (decoded, counted, or rejected). */
  blocksDone: number;
  /** Blocks seen so far, including those waiting for their stream. */
  blocksSeen: number;
  /** The file being read or decoded most recently, or '' when idle. */
  currentFile: string;
}

export function emptyProgress(filesTotal = 0): IngestProgress {
  return {
    filesDone: 0,
    filesTotal,
    bytesRead: 0,
    bytesDone: 0,
    bytesTotal: 0,
    blocksDone: 0,
    blocksSeen: 0,
    currentFile: '',
  };
}

export interface LoadSummary {
  progress: IngestProgress;
  /** Rejected inputs of this load. */
  rejected: Rejected[];
  /** What still waits for a missing file, in words. */
  waiting: string[];
  /** True when `cancel()` stopped the load. */
  cancelled: boolean;
}

/** What the scheduler tells its owner, in merge order. */
export type IngestEvent =
  | { type: 'progress'; progress: IngestProgress }
  | { type: 'rejected'; rejected: Rejected }
  /**
   * Everything asked so far is merged into ingest's own columns (`processSpans`, `processes`);
   * the sink may still be storing it. Then `complete` follows.
   */
  | { type: 'merged' }
  /** A bug in our code or a database failure; the load goes on without the affected input. */
  | { type: 'error'; message: string }
  /** Everything asked so far is merged and queryable (or the load was cancelled). */
  | { type: 'complete'; summary: LoadSummary };
