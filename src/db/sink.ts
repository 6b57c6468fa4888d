// Where ingest's merged rows land: appends Arrow IPC batches to the tables (after checking their
// columns against src/db/schema.ts), replaces a process's spans, and records each process's time
// converter (the views time rows with it). Inserts are pipelined: `insert` returns once the
// previous insert is done, so the caller prepares the next batch while this one is stored (in
// the browser DuckDB runs in its own worker); `finish` waits for the last one and reports the
// first failure. Implements ingest's IngestSink structurally (db may not import ingest). No React.
import { RecordBatchStreamReader } from 'apache-arrow';
import type { Db } from './db';
import { TABLE_COLUMNS, type IngestTableName } from './schema';

export interface DbSink {
  insert(table: IngestTableName, ipc: Uint8Array): Promise<void>;
  replaceSpans(processKey: number, ipc: Uint8Array): Promise<void>;
  setTimeConverter(processId: string, frequency: number): Promise<void>;
  finish(): Promise<void>;
}

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

  constructor(private readonly db: Db) {}

  async insert(table: IngestTableName, ipc: Uint8Array): Promise<void> {
    if (!(table in TABLE_COLUMNS)) throw new Error(`ingest cannot insert into ${table}`);
    checkColumns(table, ipc);
    await this.previous;
    this.previous = this.db.insertIpc(table, ipc).catch((error) => {
      this.failure ??= error;
    });
  }

  async replaceSpans(processKey: number, ipc: Uint8Array): Promise<void> {
    await this.settle();
    await this.db.query('DELETE FROM weft_spans WHERE process_key = $1', [processKey]);
    await this.insert('weft_spans', ipc);
  }

  async setTimeConverter(processId: string, frequency: number): Promise<void> {
    await this.settle();
    await this.db.query(SET_CONVERTER, [processId, frequency]);
  }

  async finish(): Promise<void> {
    await this.settle();
  }

  /** Waits for the insert in flight; throws (once) the first insert failure. */
  private async settle(): Promise<void> {
    await this.previous;
    const failure = this.failure;
    this.failure = undefined;
    if (failure !== undefined) throw failure;
  }
}

export function createDbSink(db: Db): DbSink {
  return new Sink(db);
}
