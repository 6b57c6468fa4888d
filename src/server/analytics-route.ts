// `POST /api/query-stream` and `GET /api/data-sources`: micromegas' analytics protocol on the
// weft server (rust/analytics-web-srv/src/stream_query.rs and data_sources.rs define it), over
// a backend: the capture store's own engine, or an upstream deployment (--upstream). The
// router's data-route guard (origin, --api-key) has run before these. Node only.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseRfc3339Ns } from '../base/time';
import { readBody } from './body';
import { sendText } from './http-util';

export const ANALYTICS_ROUTES = new Set(['/api/query-stream', '/api/data-sources']);

/** Upstream's StreamQueryRequest, checked. */
export interface StreamQueryRequest {
  sql: string;
  params: Record<string, string>;
  begin?: string;
  end?: string;
  dataSource: string;
}

/** A whole HTTP answer: status, content type, and the body (streamed when iterable). */
export interface AnalyticsAnswer {
  status: number;
  contentType: string;
  body: Uint8Array | AsyncIterable<Uint8Array>;
}

export interface AnalyticsBackend {
  dataSources(signal: AbortSignal): Promise<AnalyticsAnswer>;
  query(request: StreamQueryRequest, signal: AbortSignal): Promise<AnalyticsAnswer>;
  close(): Promise<void>;
}

export const ARROW_STREAM_TYPE = 'application/x-micromegas-arrow-stream';
/** A query is small JSON; its bytes need no share of the ingestion budget. */
const REQUEST_LIMITS = { maxBytes: 1 << 20, idleMs: 30_000 };
const UNMETERED = { grow: () => true, release: () => {} };

export async function analyticsRoute(
  backend: AnalyticsBackend,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<void> {
  const signal = abortOnClose(res);
  if (path === '/api/data-sources') {
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendText(res, 405, 'use GET', { Allow: 'GET, HEAD' });
    return send(res, await backend.dataSources(signal));
  }
  if (req.method !== 'POST') return sendText(res, 405, 'use POST', { Allow: 'POST' });
  const body = await readBody(req, REQUEST_LIMITS, UNMETERED);
  if (!body.ok) return sendText(res, body.status, body.reason);
  const request = parseRequest(body.bytes);
  if (typeof request === 'string') return sendText(res, 400, request);
  return send(res, await backend.query(request, signal));
}

function abortOnClose(res: ServerResponse): AbortSignal {
  const controller = new AbortController();
  res.on('close', () => controller.abort());
  return controller.signal;
}

/** The request, or why it is not one (upstream answers such bodies with 400/422). */
export function parseRequest(bytes: Uint8Array): StreamQueryRequest | string {
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  } catch {
    return 'expected a JSON body {sql, params, begin, end, data_source}';
  }
  if (typeof value !== 'object' || value === null || typeof value.sql !== 'string')
    return 'expected "sql" (a string)';
  const params = value.params ?? {};
  if (typeof params !== 'object' || params === null || Array.isArray(params))
    return 'expected "params" to be an object of strings';
  if (!Object.values(params).every((v) => typeof v === 'string'))
    return 'expected "params" to be an object of strings';
  for (const key of ['begin', 'end'] as const) {
    const t = value[key];
    if (t !== undefined && t !== null && (typeof t !== 'string' || parseRfc3339Ns(t) === undefined))
      return `expected "${key}" to be an RFC 3339 time`;
  }
  const dataSource = typeof value.data_source === 'string' ? value.data_source : '';
  const text = (t: unknown) => (typeof t === 'string' ? t : undefined);
  return {
    sql: value.sql,
    params: params as Record<string, string>,
    begin: text(value.begin),
    end: text(value.end),
    dataSource,
  };
}

async function send(res: ServerResponse, answer: AnalyticsAnswer): Promise<void> {
  const headers = { 'Content-Type': answer.contentType, 'Cache-Control': 'no-store' };
  if (answer.body instanceof Uint8Array) {
    res.writeHead(answer.status, { ...headers, 'Content-Length': answer.body.length });
    return void res.end(res.req.method === 'HEAD' ? undefined : answer.body);
  }
  res.writeHead(answer.status, headers);
  for await (const chunk of answer.body) {
    if (res.destroyed) break;
    if (!res.write(chunk)) await drained(res);
  }
  res.end();
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    res.once('drain', resolve);
    res.once('close', resolve);
  });
}

export function jsonAnswer(status: number, value: unknown): AnalyticsAnswer {
  const body = new TextEncoder().encode(`${JSON.stringify(value)}\n`);
  return { status, contentType: 'application/json', body };
}
