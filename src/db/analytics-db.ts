// weft serve's analytics database (Node): one DuckDB instance, weft's tables on one connection
// (filled by ingest, for async_events) and micromegas' tables (analytics-schema.ts) filled from
// the capture store, and a second connection that runs the users' queries. That connection
// cannot change anything that matters: the server refuses every statement but a query
// (src/server/read-only-sql.ts), the query runs in a transaction rolled back after it, file
// access is disabled and the configuration locked once loading starts, and memory is capped.
// Results leave as DuckDB's own Arrow IPC messages (no copy of its Arrow objects). Node only.
import type { Db } from './db';
import { createAnalyticsSchema, ANALYTICS_DATABASE, type AnalyticsTable } from './analytics-schema';
import { queryViews, type TimeBounds } from './analytics-views';
import { instantiateBlocking, nodeDb, type BlockingConnection } from './node-db';
import { createSchema } from './schema';

export type { AnalyticsTable, TimeBounds };

export interface AnalyticsDb {
  /** weft's own tables (the ingest sink writes here; async_events reads them). */
  weft: Db;
  /** Appends rows (an Arrow IPC stream) to one of micromegas' tables. */
  insert(table: AnalyticsTable, ipc: Uint8Array): void;
  /** Runs one read-only query: the IPC schema message, then one IPC chunk per batch. */
  run(sql: string, bounds: TimeBounds): Iterable<Uint8Array>;
}

const SETUP = [
  // Extensions are never fetched (offline, and a query must not reach the network).
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false',
  "SET memory_limit = '2GB'",
];

const LOCK = ['SET enable_external_access = false', 'SET lock_configuration = true'];

export async function openAnalyticsDb(): Promise<AnalyticsDb> {
  const duckdb = await instantiateBlocking();
  const loader = duckdb.connect();
  for (const sql of SETUP) loader.query(sql);
  const weft = nodeDb(loader);
  await createSchema(weft);
  await createAnalyticsSchema(weft);
  const mm = duckdb.connect();
  mm.query(`USE ${ANALYTICS_DATABASE}`);
  const user = duckdb.connect();
  const views = { bounds: '' }; // the time range the query connection's views were made for
  user.query(`USE ${ANALYTICS_DATABASE}`);
  for (const sql of LOCK) loader.query(sql);
  return {
    weft,
    insert: (table, ipc) => mm.insertArrowFromIPCStream(ipc, { name: table, create: false }),
    run: (sql, bounds) => runReadOnly(user, sql, bounds, views),
  };
}

function* runReadOnly(
  conn: BlockingConnection,
  sql: string,
  bounds: TimeBounds,
  views: { bounds: string },
) {
  const key = `${bounds.beginNs}..${bounds.endNs}`;
  if (views.bounds !== key) {
    for (const statement of queryViews(bounds)) conn.query(statement);
    views.bounds = key;
  }
  try {
    conn.query('ROLLBACK'); // a transaction an earlier answer left open (never expected)
  } catch {
    // none was open
  }
  conn.query('BEGIN TRANSACTION');
  try {
    yield* conn.useUnsafe((bindings, id) => pendingResult(bindings as PendingBindings, id, sql));
  } finally {
    conn.query('ROLLBACK');
  }
}

interface PendingBindings {
  startPendingQuery(conn: number, text: string, allowStream: boolean): Uint8Array | null;
  pollPendingQuery(conn: number): Uint8Array | null;
  fetchQueryResults(conn: number): Uint8Array | null;
  cancelPendingQuery(conn: number): boolean;
}

/**
 * DuckDB-WASM's streaming protocol: a header (the schema), then chunks until an empty one. A
 * consumer that stops early (limits, a client gone) cancels the rest.
 */
function* pendingResult(bindings: PendingBindings, conn: number, sql: string) {
  let header = bindings.startPendingQuery(conn, sql, true);
  while (header === null) header = bindings.pollPendingQuery(conn);
  let depleted = false;
  try {
    yield header;
    for (;;) {
      let chunk: Uint8Array | null = null;
      while (chunk === null) chunk = bindings.fetchQueryResults(conn);
      if (chunk.length === 0) break;
      yield chunk;
    }
    depleted = true;
  } finally {
    if (!depleted) bindings.cancelPendingQuery(conn);
  }
}
