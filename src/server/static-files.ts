// Serves the built viewer (Vite's dist/) with the right MIME types (.wasm as application/wasm,
// .js and .mjs workers as JavaScript), hashed assets cached for good, and a fallback to
// index.html for app routes. Never serves a file outside the root. Node only.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { sendText, type Headers } from './http-util';

export const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.cbor': 'application/cbor',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.gz': 'application/gzip',
};

const NOT_BUILT =
  'weft: the viewer is not built yet. Run `npm run build` (or `npm start`, which builds and serves).\n' +
  'The ingestion API (/ingestion/*), /api/processes and /captures/ work without it.';

/**
 * Streams one file with its length and MIME type (HEAD: headers only). pipeline() destroys the
 * read stream (closing its file descriptor) when the client goes away mid-download or either
 * side fails; a bare pipe() kept the descriptor open for every aborted download.
 */
export async function sendFile(res: ServerResponse, path: string, headers: Headers = {}) {
  const info = await stat(path);
  res.writeHead(200, {
    'Content-Type': MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': info.size,
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  if (res.req.method === 'HEAD') {
    res.end();
    return;
  }
  await pipeline(createReadStream(path), res).catch(() => res.destroy());
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** The file under `root` that a URL path names, or undefined if it escapes the root. */
export function resolveUnder(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const base = resolve(root);
  const path = resolve(base, `.${normalize(`/${decoded}`)}`);
  return path === base || path.startsWith(base + sep) ? path : undefined;
}

const cacheOf = (urlPath: string) =>
  urlPath.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';

/** GET/HEAD of the viewer's files; app routes (no file extension) fall back to index.html. */
export async function serveStatic(res: ServerResponse, distDir: string, urlPath: string) {
  const index = join(distDir, 'index.html');
  if (!(await isFile(index))) return sendText(res, 503, NOT_BUILT);
  const wanted = resolveUnder(distDir, urlPath.endsWith('/') ? `${urlPath}index.html` : urlPath);
  if (wanted === undefined) return sendText(res, 400, 'bad path');
  if (await isFile(wanted)) return sendFile(res, wanted, { 'Cache-Control': cacheOf(urlPath) });
  const last = urlPath.slice(urlPath.lastIndexOf('/') + 1);
  if (last.includes('.')) return sendText(res, 404, `not found: ${urlPath}`);
  return sendFile(res, index, { 'Cache-Control': 'no-cache' });
}
