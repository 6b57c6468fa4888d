// Where ingest's merged rows land: appends Arrow IPC batches to the tables (after checking their
// columns against src/db/schema.ts), records each process's time converter, and at the end of a
// load step, for each process with new rows or a new converter, times its rows and rebuilds its
// async_spans (src/db/derive.ts). Implements ingest's IngestSink structurally (db may not import
// ingest). No React.
import { RecordBatchStreamReader } from 'apache-arrow';
import type { Db } from './db';
import { rebuildSpans, retimeEvents } from './derive';
import { TABLE_COLUMNS, type IngestTableName } from './schema';

export interface DbSink {
  insert(table: IngestTableName, ipc: Uint8Array, processId: string): Promise<void>;
  setTimeConverter(processId: string, frequency: number): Promise<void>;
  finish(): Promise<void>;
}

const SET_CONVERTER = `INSERT OR REPLACE INTO weft_time_converters
SELECT $1, $2::DOUBLE, (SELECT timed_frequency FROM weft_time_converters WHERE process_id = $1)`;

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
  /** Processes with new events or a new converter since the last finish. */
  private readonly touched = new Set<string>();

  constructor(private readonly db: Db) {}

  async insert(table: IngestTableName, ipc: Uint8Array, processId: string): Promise<void> {
    if (!(table in TABLE_COLUMNS)) throw new Error(`ingest cannot insert into ${table}`);
    checkColumns(table, ipc);
    await this.db.insertIpc(table, ipc);
    if (table === 'async_events') this.touched.add(processId);
  }

  async setTimeConverter(processId: string, frequency: number): Promise<void> {
    await this.db.query(SET_CONVERTER, [processId, frequency]);
    this.touched.add(processId);
  }

  async finish(): Promise<void> {
    for (const processId of [...this.touched].sort()) {
      await retimeEvents(this.db, processId);
      await rebuildSpans(this.db, processId);
    }
    this.touched.clear();
  }
}

export function createDbSink(db: Db): DbSink {
  return new Sink(db);
}
