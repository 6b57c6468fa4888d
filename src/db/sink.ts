// Where ingest's merged rows land: appends Arrow IPC batches to the tables (after checking their
// columns against src/db/schema.ts), replaces a process's spans, and records each process's time
// converter (the views time rows with it). Writes are queued: `insert` returns at once while less
// than QUEUE_LIMIT_BYTES wait (else once the queue is back under it), so ingest merges at decoder
// speed and the viewer draws from ingest's own columns while DuckDB (in the browser, in its own
// worker) catches up behind; every write runs in call order; `finish` waits for the last one and
// reports the first failure. A process's spans (given last, once a load step's blocks are merged:
// built from ingest's accumulators) are queued only while at most SPANS_QUEUE_BYTES wait, even
// while the writes are held: their rows are built as DuckDB takes them, not all at once beside the
// load's queued events. `insert` also yields to the event loop when its caller has run for
// more than a slice (src/base/time-slices.ts): ingest builds its Arrow batches back to back on
// the main thread (a process's spans on large: 14 batches, ~130 ms of IPC), and a queue that
// never makes them wait would otherwise run them all in one task. Implements ingest's
// IngestSink structurally (db may not import ingest). No React.
import { RecordBatchStreamReader } from 'apache-arrow';
import { TimeSlices } from '../base/time-slices';
import type { Db } from './db';
import { TABLE_COLUMNS, type IngestTableName } from './schema';

export interface DbSink {
  insert(table: IngestTableName, ipc: Uint8Array): Promise<void>;
  replaceSpans(processKey: number, ipc: Uint8Array): Promise<void>;
  setTimeConverter(processId: string, frequency: number): Promise<void>;
  finish(): Promise<void>;
  /** Bytes of rows stored / given so far (1 when nothing waits). */
  storedFraction(): number;
  /**
   * Holds the queued writes back (they wait in memory, up to QUEUE_LIMIT_BYTES) so the database
   * does not take CPU from decoding and the first view; returns the release (idempotent).
   */
  hold(): () => void;
  /** The writes given from now on wait for `done` (the database's reset); its failure is kept. */
  after(done: Promise<unknown>): void;
}

/** Bytes of Arrow IPC that may wait for DuckDB before `insert` makes its caller wait. */
const QUEUE_LIMIT_BYTES = 256 << 20;
/**
 * Bytes that may wait when a process's spans are given (a few inserts: one of events is ~10 MB,
 * one of spans ~2 MB, so DuckDB never waits for the next). With QUEUE_LIMIT_BYTES instead, large
 * built every span row's IPC (1.76M rows, ~106 MB) within a second of its first view, queued
 * behind the events' ~130 MB, while the renderer's memory peaked (a scratch probe of RssAnon and
 * each thread's heap).
 */
export const SPANS_QUEUE_BYTES = 24 << 20;

const SET_CONVERTER = `INSERT OR REPLACE INTO weft_time_converters VALUES ($1, $2::DOUBLE)`;

/** Throws when an IPC batch's columns differ from the table's (a bug in ingest, never data). */
function checkColumns(table: IngestTableName, ipc: Uint8Array): void {
  const reader = RecordBatchStreamReader.from(ipc);
  reader.open();
  const got = reader.schema.fields.map((f) => f.name);
  const want = TABLE_COLUMNS[table].map(([name]) => name);
  if (got.join() !== want.join()) {
    throw new Error(
      `rows for ${table} have columns ${got.join(', ')}, expected ${want.join(', ')}`,
    );
  }
}

class Sink implements DbSink {
  private previous: Promise<void> = Promise.resolve();
  private failure: unknown = undefined;
  private queuedBytes = 0;
  private givenBytes = 0;
  /** Writes wait for it: resolved, unless held. */
  private gate: Promise<void> = Promise.resolve();
  private openGate: (() => void) | null = null;
  /** Callers of `insert` with spans, waiting for the queue to shrink. */
  private spansWaiting: (() => void)[] = [];
  private readonly slices = new TimeSlices();

  /** `db` may still be starting: writes wait for it, so ingest need not (a failure fails them). */
  constructor(
    private readonly db: Db | Promise<Db>,
    private readonly spansQueueBytes: number,
  ) {
    Promise.resolve(db).catch(() => {}); // reported by the writes, not as an unhandled rejection
  }

  async insert(table: IngestTableName, ipc: Uint8Array): Promise<void> {
    if (!(table in TABLE_COLUMNS)) throw new Error(`ingest cannot insert into ${table}`);
    checkColumns(table, ipc);
    await this.slices.yieldIfLong();
    if (this.queuedBytes > QUEUE_LIMIT_BYTES) {
      this.release(); // past the budget, memory wins over speed
      await this.previous;
    } else if (table === 'weft_spans' && this.queuedBytes > this.spansQueueBytes) {
      await new Promise<void>((resolve) => this.spansWaiting.push(resolve)); // see wake
    }
    // read now: DuckDB-WASM transfers the buffer to its worker (its byteLength is 0 after)
    const bytes = ipc.byteLength;
    this.queuedBytes += bytes;
    this.givenBytes += bytes;
    this.enqueue(async () => {
      try {
        await (await this.db).insertIpc(table, ipc);
      } finally {
        this.queuedBytes -= bytes;
        this.wake();
      }
    });
  }

  /** Lets the spans waiting go once at most `spansQueueBytes` wait. */
  private wake(): void {
    if (this.queuedBytes > this.spansQueueBytes) return;
    for (const resolve of this.spansWaiting.splice(0)) resolve();
  }

  async replaceSpans(processKey: number, ipc: Uint8Array): Promise<void> {
    checkColumns('weft_spans', ipc); // before the delete: a bad batch must not lose the old rows
    const sql = 'DELETE FROM weft_spans WHERE process_key = $1';
    this.enqueue(async () => void (await (await this.db).query(sql, [processKey])));
    await this.insert('weft_spans', ipc);
  }

  async setTimeConverter(processId: string, frequency: number): Promise<void> {
    this.enqueue(
      async () => void (await (await this.db).query(SET_CONVERTER, [processId, frequency])),
    );
  }

  after(done: Promise<unknown>): void {
    this.enqueue(async () => void (await done));
  }

  hold(): () => void {
    if (!this.openGate) this.gate = new Promise((resolve) => (this.openGate = resolve));
    return () => this.release();
  }

  private release(): void {
    this.openGate?.();
    this.openGate = null;
  }

  /** Runs `write` after every write queued before it; its failure is kept for `finish`. */
  private enqueue(write: () => Promise<void>): void {
    this.previous = this.previous
      .then(() => this.gate)
      .then(write)
      .catch((error) => {
        this.failure ??= error;
      });
  }

  async finish(): Promise<void> {
    await this.settle();
  }

  storedFraction(): number {
    return this.givenBytes === 0 ? 1 : 1 - this.queuedBytes / this.givenBytes;
  }

  /** Waits for the insert in flight; throws (once) the first insert failure. */
  private async settle(): Promise<void> {
    await this.previous;
    const failure = this.failure;
    this.failure = undefined;
    if (failure !== undefined) throw failure;
  }
}

/** `spansQueueBytes`: SPANS_QUEUE_BYTES (tests give less). */
export function createDbSink(db: Db | Promise<Db>, spansQueueBytes = SPANS_QUEUE_BYTES): DbSink {
  return new Sink(db, spansQueueBytes);
}
