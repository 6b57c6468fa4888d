// Who may talk to the weft server. Applied centrally by router.ts, so every route gets them:
// - every request: the Host header must name this server (DNS rebinding: a foreign page whose
//   name resolves to 127.0.0.1 still sends its own name as Host);
// - data routes (/api/*, /captures/*, /processes): answered to the page's own origin and to
//   origins named with --allow-origin only (CORS headers for those), refused to requests a
//   foreign page makes without CORS (no-cors fetch, <img>, <script>), and `--api-key` required;
// - ingestion: refuses what a foreign page can send without a preflight — any foreign Origin
//   (browsers send Origin with every POST) or a CORS-safelisted Content-Type. micromegas'
//   HttpEventSink (rust/telemetry-sink/src/http_event_sink.rs) posts with reqwest's
//   `client.post(url).body(bytes)`, which sets no Content-Type and no Origin, so it passes.
// Node only.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { authorized, sendText, type Headers } from './http-util';

export interface GuardOptions {
  /** When set, data and ingestion routes require `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** Origins (`http://host:port`) whose pages may read data routes, besides the server's own. */
  allowOrigins: readonly string[];
  /** Host names accepted in the Host header besides the bound address and localhost names. */
  allowHosts: readonly string[];
  /** The address the server listens on (`0.0.0.0` / `::` = every interface). */
  boundHost: string;
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]', '']);
const LOOPBACK = /^(localhost|.+\.localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;

/** Content types a page may POST cross-origin without a preflight (Fetch standard). */
const SAFELISTED_TYPES = new Set([
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
]);

/** The request's Host name (lowercase; IPv6 in brackets), or undefined if absent or malformed. */
function hostName(req: IncomingMessage): string | undefined {
  const host = req.headers.host;
  if (host === undefined) return undefined;
  try {
    return new URL(`http://${host}`).hostname.replace(/\.$/, '');
  } catch {
    return undefined;
  }
}

/** True when the Host header names this server (a missing Host is not a browser's request). */
export function hostAllowed(req: IncomingMessage, options: GuardOptions): boolean {
  if (req.headers.host === undefined) return true;
  const name = hostName(req);
  if (name === undefined) return false;
  const bound = options.boundHost.toLowerCase();
  const literal = isIP(name.replace(/^\[(.*)\]$/, '$1')) !== 0;
  return (
    LOOPBACK.test(name) ||
    name === bound ||
    name === `[${bound}]` ||
    (literal && WILDCARD_HOSTS.has(bound)) ||
    options.allowHosts.some((allowed) => allowed.toLowerCase() === name)
  );
}

/** The origins of this server as its own pages send them (Host already checked). */
function isOwnOrigin(req: IncomingMessage, origin: string): boolean {
  const host = req.headers.host?.toLowerCase();
  return host !== undefined && (origin === `http://${host}` || origin === `https://${host}`);
}

/** An Origin header this server answers: its own, or one named with --allow-origin. */
function originAllowed(req: IncomingMessage, origin: string, options: GuardOptions): boolean {
  return isOwnOrigin(req, origin) || options.allowOrigins.includes(origin);
}

/**
 * True when a page of another origin made this request and may not: a foreign Origin header, or
 * (no Origin) a browser's Sec-Fetch-Site saying another site or origin asked without CORS —
 * except a top-level navigation, which shows the page to the user, not to the other site.
 */
function foreignRequest(req: IncomingMessage, options: GuardOptions): boolean {
  const origin = req.headers.origin;
  if (origin !== undefined) return !originAllowed(req, origin, options);
  const site = req.headers['sec-fetch-site'];
  const mode = req.headers['sec-fetch-mode'];
  return (site === 'cross-site' || site === 'same-site') && mode !== 'navigate';
}

/** CORS headers for a page of an --allow-origin origin; none for the server's own pages. */
export function corsHeaders(req: IncomingMessage, options: GuardOptions): Headers {
  const origin = req.headers.origin;
  if (origin === undefined || isOwnOrigin(req, origin) || !options.allowOrigins.includes(origin))
    return { Vary: 'Origin' };
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Methods': 'GET, HEAD, POST, OPTIONS',
    'Access-Control-Allow-Headers': 'Authorization, Content-Type, Last-Event-ID, Cache-Control',
    'Access-Control-Max-Age': '600',
    Vary: 'Origin',
  };
}

function refuse(req: IncomingMessage, res: ServerResponse, status: number, reason: string) {
  req.resume(); // discard any body
  sendText(res, status, reason, { Connection: 'close', 'Cache-Control': 'no-store' });
}

function unauthorized(req: IncomingMessage, res: ServerResponse, headers: Headers): void {
  req.resume();
  sendText(res, 401, 'Unauthorized', { ...headers, 'WWW-Authenticate': 'Bearer' });
}

/** Refuses a request whose Host header does not name this server; true when it answered. */
export function guardHost(req: IncomingMessage, res: ServerResponse, options: GuardOptions) {
  if (hostAllowed(req, options)) return false;
  const name = JSON.stringify(String(req.headers.host).slice(0, 100));
  refuse(req, res, 403, `Host ${name} is not this server's (start weft with --allow-host NAME)`);
  return true;
}

/**
 * The data routes' guard (/api/*, /captures/*, /processes): answers preflights and refuses
 * foreign pages and missing keys. True when it answered; else the route may run.
 */
export function guardDataRoute(
  req: IncomingMessage,
  res: ServerResponse,
  options: GuardOptions,
): boolean {
  if (foreignRequest(req, options)) {
    refuse(req, res, 403, 'cross-origin request refused (start weft with --allow-origin ORIGIN)');
    return true;
  }
  const cors = corsHeaders(req, options);
  if (req.method === 'OPTIONS') {
    res.writeHead(204, cors).end();
    return true;
  }
  if (!authorized(req, options.apiKey)) {
    unauthorized(req, res, cors);
    return true;
  }
  for (const [name, value] of Object.entries(cors)) res.setHeader(name, value);
  return false;
}

/** The ingestion routes' guard: true when it answered (refused); else the body may be read. */
export function guardIngest(req: IncomingMessage, res: ServerResponse, options: GuardOptions) {
  if (foreignRequest(req, options)) {
    refuse(req, res, 403, 'ingestion from a web page of another origin is refused');
    return true;
  }
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (SAFELISTED_TYPES.has(type)) {
    const why = `Content-Type ${type} is refused: micromegas sends CBOR with no Content-Type`;
    refuse(req, res, 415, why);
    return true;
  }
  if (authorized(req, options.apiKey)) return false;
  unauthorized(req, res, { Connection: 'close' });
  return true;
}
