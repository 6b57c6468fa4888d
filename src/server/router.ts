// The weft server's HTTP routes, on one port. Node's http module only; no framework.
//
// Ingestion (what micromegas' HttpEventSink sends when MICROMEGAS_TELEMETRY_URL points here):
//   POST /ingestion/insert_process | insert_stream | insert_block
//     body: the CBOR ProcessInfo / StreamInfo / Block, stored byte for byte.
//     200 empty body: stored, or the same bytes already stored (a retry is a no-op).
//     409 text reason: a different body with the same id is already stored; the first is kept.
//     400 text reason: empty, not CBOR, not a micromegas body, wrong kind for the route, bad ids.
//     401: `--api-key` is set and `Authorization: Bearer <key>` is missing or wrong.
//     403: a web page of another origin sent it; 415: a Content-Type a page can send without a
//     preflight (text/plain, form encodings). See guard.ts.
//     413: body above the limit (100 MiB, as upstream). 408: the body stalled (body.ts).
//     503 + Retry-After: too many body bytes in flight across all requests (the sink retries
//     5xx). 500: the store could not write. Bodies are decoded off the event loop
//     (check-pool.ts); connections, header and request times are bounded (server.ts).
//   GET /health → 200 "ok" while the store can write; 503 with the reason when it cannot (out of
//     file descriptors, data directory gone or read-only, the last capture write failed).
//
// Reading: for the server's own pages and origins named with --allow-origin (CORS headers for
// those), with `Authorization: Bearer <key>` when --api-key is set (guard.ts):
//   GET /api/processes → [ProcessSummary] most recently updated first: {id, url, exe, startTime,
//     computer, username, streamCount, blockCount, fileCount, lastBlockTime, updatedAt,
//     streamsByTag, blocksByTag}. `url` is the capture folder, e.g. "/captures/<id>/".
//   GET /api/processes/<id> → one ProcessSummary (404 if unknown).
//   GET /captures/<id>/manifest.json → {"process_id": id, "files": [relative paths]} (current).
//   GET /captures/<id>/<path> → a stored file (process.cbor, streams/<s>.cbor, blocks/<s>/<b>.cbor).
//   GET /processes → the same list as an HTML page linking to /?process=<id>.
//
// Live (a process still sending): files are numbered in arrival order; a cursor n means
// "I have files 0..n-1". Both forms accept a process id that has sent nothing yet.
//   GET /api/processes/<id>/events?since=<n> → Server-Sent Events: one unnamed event per file,
//     first the backlog from n, then each file as it is stored. `id:` is the next cursor (so an
//     EventSource resumes by itself through Last-Event-ID); data is {"index","path","kind"} with
//     kind "process" | "stream" | "block" and path relative to /captures/<id>/.
//   GET /api/processes/<id>/files?since=<n> → {processId, known, next, files: [{index,path,kind}]}.
//
// Anything else (GET/HEAD) is the built viewer from dist/, with index.html for app routes.
// Every response carries the hardening headers of page-headers.ts (CSP, no-referrer, nosniff) and
// every request must name this server in its Host header (guard.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CaptureStore } from './capture-store';
import { guardDataRoute, guardHost, guardIngest, type GuardOptions } from './guard';
import { analyticsRoute, ANALYTICS_ROUTES, type AnalyticsBackend } from './analytics-route';
import { ingestRoute, type IngestLimits } from './ingest-route';
import { sendJson, sendText } from './http-util';
import { canonicalUuid, MANIFEST_FILE, parseCapturePath, type CaptureFileKind } from './ids';
import { cursorOf, sendFiles, streamEvents } from './live';
import { contentSecurityPolicy, setPageHeaders, styleHash } from './page-headers';
import { PROCESS_PAGE_STYLE, processPage } from './process-page';
import { sendFile, serveStatic } from './static-files';

export interface RouterOptions {
  store: CaptureStore;
  distDir: string;
  guard: GuardOptions;
  limits: IngestLimits;
  log: (line: string) => void;
  /** micromegas' analytics protocol (POST /api/query-stream, GET /api/data-sources). */
  analytics?: AnalyticsBackend;
}

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void;

const INGEST = /^\/ingestion\/insert_(process|stream|block)$/;
const API_PROCESS = /^\/api\/processes\/([^/]+)(?:\/(events|files))?$/;
const CAPTURE = /^\/captures\/([^/]+)\/(.+)$/;

export function createRouter(options: RouterOptions): Handler {
  return async (req, res, url) => {
    const path = url.pathname;
    setPageHeaders(res, url, options.guard.allowOrigins);
    if (guardHost(req, res, options.guard)) return;
    const ingest = INGEST.exec(path);
    if (ingest) {
      if (req.method === 'POST' && guardIngest(req, res, options.guard)) return;
      return ingestRoute(options.store, options.limits, req, res, ingest[1] as CaptureFileKind);
    }
    const method = req.method ?? 'GET';
    const readable = path.startsWith('/api/') || path.startsWith('/captures/');
    if ((readable || path === '/processes') && guardDataRoute(req, res, options.guard)) return;
    if (options.analytics && ANALYTICS_ROUTES.has(path))
      return analyticsRoute(options.analytics, req, res, path);
    if (method !== 'GET' && method !== 'HEAD')
      return sendText(res, 405, 'method not allowed', { Allow: 'GET, HEAD' });
    if (path === '/health') return healthRoute(options.store, res);
    if (path === '/api/processes') return sendJson(res, 200, options.store.list());
    if (path === '/processes') return sendProcessPage(options, res, url);
    const api = API_PROCESS.exec(path);
    if (api) return apiProcessRoute(options.store, req, res, url, api);
    const capture = CAPTURE.exec(path);
    if (capture) return captureRoute(options.store, res, capture[1], capture[2]);
    if (readable) return sendJson(res, 404, { error: `no such route: ${path}` });
    return serveStatic(res, options.distDir, path);
  };
}

function apiProcessRoute(
  store: CaptureStore,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  [, rawId, sub]: RegExpExecArray,
): void {
  const id = canonicalUuid(decodeSafe(rawId));
  if (id === undefined) return sendJson(res, 400, { error: 'expected a process UUID' });
  const since = cursorOf(req, url.searchParams);
  if (sub === 'events') return streamEvents(req, res, store, id, since);
  if (sub === 'files') return sendFiles(res, store, id, since);
  const summary = store.list().find((p) => p.id === id);
  if (!summary) return sendJson(res, 404, { error: `no process ${id}` });
  sendJson(res, 200, summary);
}

async function captureRoute(store: CaptureStore, res: ServerResponse, rawId: string, rel: string) {
  const id = canonicalUuid(decodeSafe(rawId));
  const notFound = () => sendText(res, 404, 'not found');
  if (id === undefined) return notFound();
  if (rel === MANIFEST_FILE) {
    const manifest = store.manifest(id);
    if (manifest === undefined) return notFound();
    return sendText(res, 200, manifest, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-cache',
    });
  }
  const parsed = parseCapturePath(decodeSafe(rel));
  const file = parsed && store.filePath(id, parsed.path);
  if (file === undefined) return notFound();
  // Stored files never change (first body wins), so they may be cached for good.
  return sendFile(res, file, {
    'Cache-Control': 'public, max-age=31536000, immutable',
  });
}

async function healthRoute(store: CaptureStore, res: ServerResponse): Promise<void> {
  const problem = await store.health.problem();
  if (problem === undefined) return sendText(res, 200, 'ok');
  sendText(res, 503, problem, { 'Cache-Control': 'no-store', 'Retry-After': 5 });
}

function sendProcessPage({ store, guard }: RouterOptions, res: ServerResponse, url: URL): void {
  const csp = contentSecurityPolicy(url, guard.allowOrigins, [styleHash(PROCESS_PAGE_STYLE)]);
  sendText(res, 200, processPage(store.list()), {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': csp,
  });
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return '';
  }
}
