// `Db` over DuckDB-WASM's blocking CommonJS bindings, for Node (tests and the CLI). The bindings
// carry their own CommonJS copy of apache-arrow: tables they return are read through the common
// Arrow API only, and everything inserted arrives as IPC bytes serialized by our own Arrow.
// Node only; no React, no ingest.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { RecordBatch, Table } from 'apache-arrow';
import type { Db, ResultHead, SqlParam } from './db';
import { jsonParam } from './params';
import { runReadOnly, type ConsoleConnection } from './read-only';
import { createSchema, USE_DATABASE } from './schema';

export interface BlockingConnection {
  query(sql: string): Table;
  send(sql: string, allowStreamResult: boolean): Promise<Iterable<RecordBatch>>;
  prepare(sql: string): {
    query(...params: unknown[]): Table;
    send(...params: unknown[]): Iterable<RecordBatch>;
    close(): void;
  };
  insertArrowFromIPCStream(ipc: Uint8Array, options: { name: string; create: boolean }): void;
  useUnsafe<R>(callback: (bindings: unknown, conn: number) => R): R;
  close(): void;
}

export interface BlockingDuckDb {
  instantiate(): Promise<unknown>;
  connect(): BlockingConnection;
  reset(): void;
}

interface ForeignArrow {
  Table: new (batches: RecordBatch[]) => Table;
  tableToIPC(table: Table, format: 'stream'): Uint8Array;
}

interface ParquetWasm {
  Table: { fromIPCStream(ipc: Uint8Array): unknown };
  writeParquet(table: unknown): Uint8Array;
}

/**
 * Batches as Parquet, written by parquet-wasm's Node build. The batches come from the bindings'
 * own CommonJS apache-arrow, so that copy serializes them to IPC.
 */
function parquetOf(batches: RecordBatch[]): Uint8Array {
  const require = createRequire(import.meta.url);
  const arrow = createRequire(require.resolve('@duckdb/duckdb-wasm/blocking'))(
    'apache-arrow',
  ) as ForeignArrow;
  const parquet = require('parquet-wasm/node') as ParquetWasm;
  const ipc = arrow.tableToIPC(new arrow.Table(batches), 'stream');
  return parquet.writeParquet(parquet.Table.fromIPCStream(ipc));
}

/** A DuckDB-WASM instance with the blocking bindings (≈1.3 s). */
export async function instantiateBlocking(): Promise<BlockingDuckDb> {
  const require = createRequire(import.meta.url);
  const duckdb = require('@duckdb/duckdb-wasm/blocking');
  const dist = dirname(require.resolve('@duckdb/duckdb-wasm'));
  const bundles = {
    mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: '' },
    eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: '' },
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate();
  return db as BlockingDuckDb;
}

const MISSING_TABLE = /Table with name .* does not exist/;

/** The console's connection of its own (see read-only.ts). */
function consoleConnection(conn: BlockingConnection): ConsoleConnection {
  return {
    run: async (sql) => conn.query(sql),
    prepare: async (sql) => {
      const statement = conn.prepare(sql);
      return { send: async () => statement.send(), close: () => statement.close() };
    },
  };
}

class NodeDb implements Db {
  constructor(
    private readonly conn: BlockingConnection,
    /** Gives the console a connection of its own; without it the console shares `conn`. */
    private readonly duckdb?: BlockingDuckDb,
  ) {}

  private console: BlockingConnection | undefined;

  async query(sql: string, params: SqlParam[] = []): Promise<Table> {
    if (params.length === 0) return this.conn.query(sql);
    const statement = this.conn.prepare(sql);
    try {
      return statement.query(...params.map(jsonParam));
    } finally {
      statement.close();
    }
  }

  async insertIpc(tableName: string, ipc: Uint8Array): Promise<void> {
    try {
      this.conn.insertArrowFromIPCStream(ipc, { name: tableName, create: false });
    } catch (error) {
      // A missing table fails before anything is read (the connection stays usable).
      if (!MISSING_TABLE.test(String(error))) throw error;
      this.conn.insertArrowFromIPCStream(ipc, { name: tableName, create: true });
    }
  }

  async queryHead(sql: string, maxRows: number): Promise<ResultHead> {
    if (!this.console) {
      this.console = this.duckdb ? this.duckdb.connect() : this.conn;
      if (this.duckdb) this.console.query(USE_DATABASE);
    }
    return runReadOnly(consoleConnection(this.console), sql, maxRows);
  }

  async toParquet(batches: RecordBatch[]): Promise<Uint8Array> {
    return parquetOf(batches);
  }

  async close(): Promise<void> {
    if (this.console !== this.conn) this.console?.close();
    this.conn.close();
  }
}

/** A `Db` over one connection (weft's schema not created). */
export function nodeDb(conn: BlockingConnection): Db {
  return new NodeDb(conn);
}

/** Opens an in-memory DuckDB (≈1.3 s) with weft's tables created. */
export async function openNodeDb(): Promise<Db> {
  const duckdb = await instantiateBlocking();
  const db = new NodeDb(duckdb.connect(), duckdb);
  await createSchema(db);
  return db;
}
