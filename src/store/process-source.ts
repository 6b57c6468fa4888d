// `?process=<url-or-id>`: where a capture folder lives, how to list its files (manifest.json), and
// why fetching it failed, in words. Also picks the default capture at first start. No React.
import type { LoadInput, LoadIssue } from './backend';
import { folderEntryUrl, isHttpUrl, parseUrl } from './capture-url';

export type FetchFn = (url: string, init?: RequestInit) => Promise<Response>;

/** The capture the app opens when the URL names none (public/sample holds a copy of `mixed`). */
export const SAMPLE_PROCESS = '/sample/';

/** A failure the user can act on; `message` is the whole explanation. */
export class SourceError extends Error {
  override name = 'SourceError';
}

const ID_PATTERN = /^[\w-]+$/;

/**
 * An id → the server's `/captures/<id>/`; a URL (absolute or relative) → that folder. Throws a
 * SourceError for anything but an http(s) URL.
 */
export function captureBaseUrl(param: string, pageUrl: string): string {
  const trimmed = param.trim();
  if (ID_PATTERN.test(trimmed)) return new URL(`/captures/${trimmed}/`, pageUrl).href;
  const url = parseUrl(trimmed, pageUrl);
  if (!url || !isHttpUrl(url))
    throw new SourceError(
      `?process= must be a process id or an http(s) URL of a capture folder; refused "${trimmed}".`,
    );
  url.pathname = url.pathname.replace(/manifest\.json$/, '');
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  url.search = '';
  url.hash = '';
  return url.href;
}

function manifestPaths(body: unknown): string[] | null {
  const list = Array.isArray(body) ? body : (body as { files?: unknown } | null)?.files;
  if (!Array.isArray(list)) return null;
  const paths = list.map((entry) =>
    typeof entry === 'string' ? entry : (entry as { path?: unknown } | null)?.path,
  );
  return paths.every((p): p is string => typeof p === 'string') ? paths : null;
}

async function fetchOrExplain(url: string, fetchFn: FetchFn): Promise<Response> {
  try {
    return await fetchFn(url);
  } catch {
    throw new SourceError(
      `Could not fetch ${url}: the server did not answer, or the browser blocked the response. ` +
        'A capture on another origin must be served with an Access-Control-Allow-Origin header (CORS).',
    );
  }
}

/** The manifest's paths as URL inputs; entries outside the folder are refused, each reported. */
function folderInputs(
  paths: string[],
  baseUrl: string,
  onRefused: (issue: LoadIssue) => void,
): LoadInput[] {
  const inputs: LoadInput[] = [];
  for (const path of paths) {
    const entry = folderEntryUrl(path, baseUrl);
    if ('url' in entry) inputs.push({ kind: 'url', url: entry.url, path });
    else
      onRefused({
        kind: 'refused-path',
        fileName: path,
        reason: `manifest entry ${entry.refused}`,
      });
  }
  return inputs;
}

/**
 * Fetches `<base>manifest.json` and turns its paths into URL inputs; an entry that leaves the
 * folder is not fetched but passed to `onRefused`.
 */
export async function manifestInputs(
  baseUrl: string,
  fetchFn: FetchFn,
  onRefused: (issue: LoadIssue) => void = () => {},
): Promise<LoadInput[]> {
  const manifestUrl = new URL('manifest.json', baseUrl).href;
  const response = await fetchOrExplain(manifestUrl, fetchFn);
  if (response.status === 404)
    throw new SourceError(
      `No capture at ${baseUrl}: its manifest.json answered 404 Not Found. Check the process id or ` +
        'URL; a capture folder needs a manifest.json listing its files (the weft server writes one).',
    );
  if (!response.ok)
    throw new SourceError(`${manifestUrl} answered ${response.status} ${response.statusText}.`);
  if ((response.headers.get('content-type') ?? '').includes('text/html'))
    throw new SourceError(
      `No capture at ${baseUrl}: its manifest.json answered with a web page, not a manifest ` +
        '(this server has no such capture folder).',
    );
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new SourceError(`${manifestUrl} is not JSON: expected {"files": ["process.cbor", …]}.`);
  }
  const paths = manifestPaths(body);
  if (!paths)
    throw new SourceError(
      `${manifestUrl} lists no files: expected {"files": ["process.cbor", …]}.`,
    );
  if (paths.length === 0) throw new SourceError(`${manifestUrl} lists no files yet.`);
  return folderInputs(paths, baseUrl, onRefused);
}

function processId(entry: unknown): string | null {
  if (!entry || typeof entry !== 'object') return null;
  const e = entry as Record<string, unknown>;
  const id = e.id ?? e.process_id ?? e.processId;
  return typeof id === 'string' && ID_PATTERN.test(id) ? id : null;
}

/**
 * The server's process ids, most recently updated first (GET /api/processes lists them so), or
 * null without a weft server (vite preview and dev answer with the app's HTML, or an error).
 */
export async function serverProcessIds(fetchFn: FetchFn): Promise<string[] | null> {
  try {
    const response = await fetchFn('/api/processes', { headers: { accept: 'application/json' } });
    if (!response.ok) return null;
    const body = (await response.json()) as unknown;
    const list = Array.isArray(body) ? body : (body as { processes?: unknown })?.processes;
    if (!Array.isArray(list)) return null;
    return list.map(processId).filter((id): id is string => id !== null);
  } catch {
    return null;
  }
}
