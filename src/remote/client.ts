// The micromegas analytics protocol client: `GET {base}/api/data-sources` and `POST
// {base}/api/query-stream` (rust/analytics-web-srv/src/web_server.rs mounts both under the
// deployment's base path; the request body is stream_query.rs's StreamQueryRequest). Auth is the
// session cookie (`credentials: 'include'`) or a bearer token held in memory only. No DOM beyond
// fetch, no Node.
import { Table, type RecordBatch, type Schema } from 'apache-arrow';
import { openBatches } from './arrow-frames';
import { httpError, protocolError, unreachable } from './errors';
import { readFrames } from './frame-parser';

export interface RemoteConnection {
  /** The deployment's base URL, e.g. https://analytics.example.com/analytics (no trailing /). */
  baseUrl: string;
  dataSource: string;
  /** An OIDC ID token pasted by the user; never stored anywhere but memory. */
  bearerToken?: string;
}

export interface RemoteAuth {
  bearerToken?: string;
}

export interface DataSource {
  name: string;
  isDefault: boolean;
}

export interface QueryRequest {
  sql: string;
  /** `$name` macros, substituted by the server (values quoted there: see sql.ts). */
  params?: Record<string, string>;
  /** RFC 3339; the query's time range (partition pruning, JIT views). */
  beginIso?: string;
  endIso?: string;
}

/** The fetch the client uses (the page's, or a test's). */
export type RemoteFetch = (url: string, init: RequestInit) => Promise<Response>;

let fetchImpl: RemoteFetch = (url, init) => globalThis.fetch(url, init);

/** Replaces fetch (tests, Node); returns the previous one. */
export function setRemoteFetch(next: RemoteFetch): RemoteFetch {
  const previous = fetchImpl;
  fetchImpl = next;
  return previous;
}

export function normalizeBaseUrl(baseUrl: string): string {
  return baseUrl.trim().replace(/\/+$/, '');
}

function headers(auth: RemoteAuth, json: boolean): Record<string, string> {
  const out: Record<string, string> = { Accept: 'application/json, */*' };
  if (json) out['Content-Type'] = 'application/json';
  if (auth.bearerToken) out.Authorization = `Bearer ${auth.bearerToken}`;
  return out;
}

async function call(baseUrl: string, path: string, init: RequestInit): Promise<Response> {
  const base = normalizeBaseUrl(baseUrl);
  const url = `${base}${path}`;
  const response = await fetchOnceMore(url, { credentials: 'include', ...init }).catch((error) => {
    throw unreachable(base, url, error);
  });
  if (!response.ok) throw httpError(base, url, response.status, await safeText(response));
  return response;
}

/**
 * A request the network failed is sent once more: a kept-alive connection the server closed
 * while the client was busy decoding fails the next request sent on it (every request here
 * only reads, so sending it twice is harmless).
 */
async function fetchOnceMore(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetchImpl(url, init);
  } catch (error) {
    if (init.signal?.aborted) throw error;
    await new Promise((resolve) => setTimeout(resolve, 100));
    return fetchImpl(url, init);
  }
}

async function safeText(response: Response): Promise<string> {
  try {
    return await response.text();
  } catch {
    return '';
  }
}

/** The deployment's data sources (rust/analytics-web-srv/src/data_sources.rs: name, is_default). */
export async function fetchDataSources(
  baseUrl: string,
  auth: RemoteAuth,
  signal?: AbortSignal,
): Promise<DataSource[]> {
  const init = { method: 'GET', headers: headers(auth, false), signal };
  const response = await call(baseUrl, '/api/data-sources', init);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw protocolError(`${baseUrl}/api/data-sources is not JSON`);
  }
  if (!Array.isArray(body)) throw protocolError(`${baseUrl}/api/data-sources is not a JSON array`);
  return body
    .filter((e): e is { name: string } => typeof (e as { name?: unknown })?.name === 'string')
    .map((e) => ({ name: e.name, isDefault: (e as { is_default?: unknown }).is_default === true }));
}

/** The default data source's name (else the first), or null when the deployment has none. */
export function defaultDataSource(sources: DataSource[]): string | null {
  return (sources.find((s) => s.isDefault) ?? sources[0])?.name ?? null;
}

async function* bodyChunks(response: Response): AsyncGenerator<Uint8Array> {
  if (!response.body) throw protocolError('the answer has no body');
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      if (value && value.length > 0) yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

export interface QueryResult {
  schema: Schema;
  batches: AsyncIterable<RecordBatch>;
}

/** Sends a query; resolves once the schema arrived, then streams the record batches. */
export async function queryBatches(
  conn: RemoteConnection,
  request: QueryRequest,
  signal?: AbortSignal,
): Promise<QueryResult> {
  const body = JSON.stringify({
    sql: request.sql,
    params: request.params ?? {},
    begin: request.beginIso,
    end: request.endIso,
    data_source: conn.dataSource,
  });
  const init = { method: 'POST', headers: headers(conn, true), body, signal };
  const response = await call(conn.baseUrl, '/api/query-stream', init);
  return openBatches(readFrames(bodyChunks(response)));
}

/** Runs a query and collects its whole result. */
export async function queryStream(
  conn: RemoteConnection,
  request: QueryRequest,
  signal?: AbortSignal,
): Promise<Table> {
  const { schema, batches } = await queryBatches(conn, request, signal);
  const all: RecordBatch[] = [];
  for await (const batch of batches) all.push(batch);
  return all.length > 0 ? new Table(all) : new Table(schema);
}
