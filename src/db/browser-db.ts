// The browser's database: DuckDB-WASM's async API, DuckDB running in its own Web Worker. The mvp
// and eh bundles (wasm + worker) are bundled by Vite through `?url` imports: nothing is fetched
// from a CDN. No React.
//
// API:
//   const db = await openBrowserDb();          // ≈1 s; weft's tables and view_instance created
//   await db.query('SELECT … WHERE x = $1', [x]);
//   await db.insertIpc('weft_events', ipc);    // used by createDbSink(db) (src/db/sink.ts)
//   await resetSchema(db);                     // src/db/schema.ts: forget everything loaded
import * as duckdb from '@duckdb/duckdb-wasm';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import { Table, tableToIPC, type RecordBatch } from 'apache-arrow';
import type { Db, ResultHead, SqlParam } from './db';
import { jsonParam } from './params';
import { runReadOnly } from './read-only';
import { createSchema, USE_DATABASE } from './schema';

const BUNDLES: duckdb.DuckDBBundles = {
  mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
  eh: { mainModule: ehWasm, mainWorker: ehWorker },
};

const MISSING_TABLE = /Table with name .* does not exist/;

class BrowserDb implements Db {
  constructor(
    private readonly db: duckdb.AsyncDuckDB,
    private readonly conn: duckdb.AsyncDuckDBConnection,
    private readonly worker: Worker,
  ) {}

  async query(sql: string, params: SqlParam[] = []): Promise<Table> {
    if (params.length === 0) return this.conn.query(sql);
    const statement = await this.conn.prepare(sql);
    try {
      return await statement.query(...params.map(jsonParam));
    } finally {
      await statement.close();
    }
  }

  private streamConn: duckdb.AsyncDuckDBConnection | undefined;

  /** Tables known to exist (the IPC buffer is transferred to DuckDB's worker: no retry). */
  private readonly tables = new Set<string>();

  async insertIpc(tableName: string, ipc: Uint8Array): Promise<void> {
    if (!this.tables.has(tableName)) {
      const found = await this.query(
        'SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = $1',
        [tableName],
      );
      const create = Number(found.get(0)?.n ?? 0) === 0;
      await this.conn.insertArrowFromIPCStream(ipc, { name: tableName, create });
      this.tables.add(tableName);
      return;
    }
    try {
      await this.conn.insertArrowFromIPCStream(ipc, { name: tableName, create: false });
    } catch (error) {
      if (MISSING_TABLE.test(String(error))) this.tables.delete(tableName); // dropped meanwhile
      throw error;
    }
  }

  /**
   * The console's query, read-only (read-only.ts), on a connection of its own: another query on
   * the same one would end the stream, and its transaction is rolled back.
   */
  async queryHead(sql: string, maxRows: number): Promise<ResultHead> {
    if (!this.streamConn) {
      this.streamConn = await this.db.connect();
      await this.streamConn.query(USE_DATABASE);
    }
    const conn = this.streamConn;
    return runReadOnly(
      {
        run: (text) => conn.query(text),
        prepare: async (text) => {
          const statement = await conn.prepare(text);
          return { send: () => statement.send(), close: () => statement.close() };
        },
      },
      sql,
      maxRows,
    );
  }

  /** parquet-wasm and its 5 MB wasm load on the first Parquet download only. */
  async toParquet(batches: RecordBatch[]): Promise<Uint8Array> {
    const [parquet, wasm] = await Promise.all([
      import('parquet-wasm/esm'),
      import('parquet-wasm/esm/parquet_wasm_bg.wasm?url'),
    ]);
    await parquet.default({ module_or_path: wasm.default });
    const ipc = tableToIPC(new Table(batches), 'stream');
    return parquet.writeParquet(parquet.Table.fromIPCStream(ipc));
  }

  async close(): Promise<void> {
    await this.streamConn?.close();
    await this.conn.close();
    await this.db.terminate();
    this.worker.terminate();
  }
}

/** Starts DuckDB-WASM in a worker and creates weft's tables. */
export async function openBrowserDb(): Promise<Db> {
  const bundle = await duckdb.selectBundle(BUNDLES);
  const worker = new Worker(bundle.mainWorker!);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
  const browserDb = new BrowserDb(db, await db.connect(), worker);
  await createSchema(browserDb);
  return browserDb;
}
