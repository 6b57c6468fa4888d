// Why talking to a micromegas analytics server failed, in words the user can act on. The HTTP
// statuses and error codes are those of micromegas' analytics-web-srv
// (rust/analytics-web-srv/src/stream_query.rs: 401 no session, 403 FORBIDDEN, error frames with
// INVALID_SQL, CONNECTION_FAILED, INTERNAL, FORBIDDEN, DATA_SOURCE_NOT_FOUND). No DOM, no Node.

export type RemoteErrorKind =
  /** 401: no session cookie and no (valid) bearer token. */
  | 'unauthorized'
  /** 403: logged in, but not allowed (or a refused statement). */
  | 'forbidden'
  /** No HTTP answer at all: wrong address, server down, or blocked by CORS. */
  | 'unreachable'
  /** Any other HTTP error status. */
  | 'http'
  /** The answer is not the protocol: bad frame, truncated stream, unreadable Arrow. */
  | 'protocol'
  /** The server ran the query and answered with an error frame. */
  | 'query';

export interface RemoteErrorDetails {
  code?: string;
  loginUrl?: string;
  status?: number;
}

export class RemoteError extends Error {
  override name = 'RemoteError';
  readonly code?: string;
  readonly loginUrl?: string;
  readonly status?: number;

  constructor(
    readonly kind: RemoteErrorKind,
    message: string,
    details: RemoteErrorDetails = {},
  ) {
    super(message);
    this.code = details.code;
    this.loginUrl = details.loginUrl;
    this.status = details.status;
  }
}

/** `{base}/auth/login`: where analytics-web-srv starts its OIDC login (rust/.../auth/). */
export function loginUrlOf(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/auth/login`;
}

/** fetch() rejected: no answer, or the browser hid it (CORS). */
export function unreachable(baseUrl: string, url: string, cause: unknown): RemoteError {
  if (isAbort(cause)) return cause as RemoteError;
  return new RemoteError(
    'unreachable',
    `Could not reach ${url}: the server did not answer, or the browser blocked the response. ` +
      `Check the address ${baseUrl}. A micromegas server on another origin must allow this page's ` +
      'origin with CORS (credentials included); otherwise serve weft from the same site (a reverse ' +
      'proxy path) or run `weft serve --upstream <base>`.',
  );
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/** Explains a non-2xx answer; `body` is its text (an error frame for 403 and 400/404). */
export function httpError(baseUrl: string, url: string, status: number, body: string): RemoteError {
  const frame = parseErrorBody(body);
  const said = frame ? ` (${frame.code ? `${frame.code}: ` : ''}${frame.message})` : '';
  if (status === 401) {
    const loginUrl = loginUrlOf(baseUrl);
    return new RemoteError(
      'unauthorized',
      `${baseUrl} answered 401 Unauthorized: log in at ${loginUrl} (then retry), or paste a ` +
        'bearer token (an OIDC ID token; weft keeps it in memory only).',
      { status, loginUrl, code: frame?.code },
    );
  }
  if (status === 403)
    return new RemoteError(
      'forbidden',
      `${url} answered 403 Forbidden${said}: this account may not run that query.`,
      { status, code: frame?.code },
    );
  const text = frame ? said : body.trim() ? ` (${body.trim().slice(0, 200)})` : '';
  return new RemoteError('http', `${url} answered HTTP ${status}${text}.`, {
    status,
    code: frame?.code,
  });
}

function parseErrorBody(body: string): { code?: string; message: string } | null {
  try {
    const value = JSON.parse(body.trim()) as { code?: unknown; message?: unknown };
    if (typeof value?.message !== 'string') return null;
    return {
      code: typeof value.code === 'string' ? value.code : undefined,
      message: value.message,
    };
  } catch {
    return null;
  }
}

/** An `error` frame: the server's code and message, verbatim. */
export function queryError(code: string, message: string): RemoteError {
  return new RemoteError('query', `The query failed (${code}): ${message}`, { code });
}

export function protocolError(message: string): RemoteError {
  return new RemoteError('protocol', `Not a micromegas query-stream answer: ${message}`);
}
