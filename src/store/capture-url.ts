// Which URLs a capture may be read from. `?process=` and the page's own default name a folder on
// an http(s) server (never javascript:, data:, file:, blob:…), and every file a manifest or the
// live feed lists must stay inside that folder: resolved against the folder URL, it keeps the
// folder's origin and path prefix. A hostile manifest must not make the page fetch (and send
// cookies to) other paths of the server or other sites. No React.

const HTTP_PROTOCOLS = new Set(['http:', 'https:']);

/** Encoded separators: a server that decodes them would see `..%2f..` as `../..`. */
const ENCODED_SEPARATOR = /%(2f|5c)/i;

export function isHttpUrl(url: URL): boolean {
  return HTTP_PROTOCOLS.has(url.protocol);
}

/** `text` resolved against `base`, or null when it is not a URL at all. */
export function parseUrl(text: string, base: string): URL | null {
  try {
    return new URL(text, base);
  } catch {
    return null;
  }
}

/**
 * The URL of a file a capture folder lists, or why it is refused: it must resolve inside
 * `folderUrl` (same origin, path under the folder's path), with no query, fragment or encoded
 * separator.
 */
export function folderEntryUrl(
  entry: string,
  folderUrl: string,
): { url: string } | { refused: string } {
  const folder = new URL(folderUrl);
  const url = parseUrl(entry, folder.href);
  if (!url) return { refused: 'not a URL path' };
  if (url.origin !== folder.origin || !isHttpUrl(url))
    return { refused: `outside the capture folder ${folder.href} (another origin)` };
  if (!url.pathname.startsWith(folder.pathname) || url.pathname === folder.pathname)
    return { refused: `outside the capture folder ${folder.href}` };
  if (url.search || url.hash || ENCODED_SEPARATOR.test(url.pathname))
    return { refused: 'a query, fragment or encoded separator in a file path' };
  return { url: url.href };
}
