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
import type { Table } from 'apache-arrow';
import type { Db, ResultHead, SqlParam } from './db';
import { collectHead, jsonParam } from './params';
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

  /** On a connection of its own: another query on the same one would end the stream. */
  async queryHead(sql: string, maxRows: number): Promise<ResultHead> {
    if (!this.streamConn) {
      this.streamConn = await this.db.connect();
      await this.streamConn.query(USE_DATABASE);
    }
    return collectHead(await this.streamConn.send(sql, true), maxRows);
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
