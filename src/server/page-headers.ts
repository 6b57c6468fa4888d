// Hardening headers on every response (router.ts sets them before any route runs):
// Content-Security-Policy, Referrer-Policy: no-referrer, X-Content-Type-Options: nosniff.
// The policy allows what the built viewer needs and nothing more:
// - scripts and workers from this origin only, no inline script; 'wasm-unsafe-eval' because
//   DuckDB-WASM compiles its .wasm (served from this origin);
// - connect-src: this origin, plus the origins the page was opened on — the http(s) origins of
//   the request's `process` and `micromegas` query parameters (the viewer's Connect dialog
//   navigates to `?micromegas=<base>`, so a newly chosen origin is allowed after navigation) —
//   plus the --allow-origin origins;
// - style attributes set from script go through the CSSOM, which style-src does not govern, so
//   no 'unsafe-inline' styles are needed; the one server-made page (/processes) has its <style>
//   allowed by hash;
// - frame-ancestors 'none': no other page may frame weft.
// A policy sent with a script matters only when that script runs as a worker, and the ingest
// worker builds Arrow vectors, whose builders compile their null check with `new Function`
// (apache-arrow's builder/valid: createIsValidFunction, fed only the builder's null values, never
// data). So .js/.mjs responses carry the same policy plus 'unsafe-eval'; documents never do.
// No I/O.
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';

/** Query parameters of the viewer's URL that name a data source the page will fetch from. */
const SOURCE_PARAMS = ['process', 'micromegas'];

/** The http(s) origin of a URL text, or undefined (relative, other scheme, malformed). */
function httpOrigin(text: string): string | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/** Origins the page at `url` may connect to besides its own. */
export function connectOrigins(url: URL, allowOrigins: readonly string[]): string[] {
  const named = SOURCE_PARAMS.flatMap((name) => url.searchParams.getAll(name)).map(httpOrigin);
  const valid = [...allowOrigins, ...named].filter((o): o is string => o !== undefined);
  return [...new Set(valid.map(httpOrigin).filter((o): o is string => o !== undefined))];
}

/** `'sha256-…'` of an inline <style> text, for style-src. */
export function styleHash(css: string): string {
  return `'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`;
}

const WORKER_SCRIPT = /\.m?js$/;

export function contentSecurityPolicy(
  url: URL,
  allowOrigins: readonly string[],
  styleHashes: readonly string[] = [],
): string {
  const worker = WORKER_SCRIPT.test(url.pathname) ? " 'unsafe-eval'" : '';
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval'${worker}`,
    "worker-src 'self'",
    ['connect-src', "'self'", ...connectOrigins(url, allowOrigins)].join(' '),
    ['style-src', "'self'", ...styleHashes].join(' '),
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Sets the hardening headers on a response before its route writes it. */
export function setPageHeaders(res: ServerResponse, url: URL, allowOrigins: readonly string[]) {
  res.setHeader('Content-Security-Policy', contentSecurityPolicy(url, allowOrigins));
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Content-Type-Options', 'nosniff');
}
