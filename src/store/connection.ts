// The analytics server the process browser lists and opens from: the page's own weft server
// (`weft serve` answers micromegas' protocol) or a micromegas deployment the user connected to.
// Its data source, and how the user is authenticated: the session cookie, or a bearer token
// pasted into the Connect dialog (kept in this object only: never stored, never in the URL).
// No React.
import { createStore } from 'zustand/vanilla';
import type { DataSource, RemoteConnection } from './remote-source';

/**
 * unknown: not asked yet; checking: asking; ok: the data sources answered; unauthorized: 401
 * (log in, or paste a token / weft serve's API key); forbidden: 403; unreachable: no answer (or
 * CORS); unavailable: the page's own server does not speak the protocol (vite preview, a static
 * host); error: anything else.
 */
export type AuthState =
  | 'unknown'
  | 'checking'
  | 'ok'
  | 'unauthorized'
  | 'forbidden'
  | 'unreachable'
  | 'unavailable'
  | 'error';

export interface ConnectionState {
  /** Base URL of the analytics server (no trailing slash); the page's origin by default. */
  baseUrl: string;
  /** Whether baseUrl is the page's own origin. */
  own: boolean;
  dataSources: DataSource[];
  dataSource: string | null;
  /** A pasted bearer token (memory only), or null: the session cookie is sent. */
  token: string | null;
  auth: AuthState;
  /** Why the last check failed, in words; null when it did not. */
  message: string | null;
  /** `{base}/auth/login` after a 401 from a micromegas server. */
  loginUrl: string | null;
}

export function createConnectionStore(pageOrigin: string) {
  return createStore<ConnectionState>()(() => ({
    baseUrl: pageOrigin,
    own: true,
    dataSources: [],
    dataSource: null,
    token: null,
    auth: 'unknown',
    message: null,
    loginUrl: null,
  }));
}

export type ConnectionStore = ReturnType<typeof createConnectionStore>;

/** The connection the protocol calls use, or null before the data sources answered. */
export function connectionOf(state: ConnectionState): RemoteConnection | null {
  if (state.auth !== 'ok' || state.dataSource === null) return null;
  const conn: RemoteConnection = { baseUrl: state.baseUrl, dataSource: state.dataSource };
  if (state.token) conn.bearerToken = state.token;
  return conn;
}

export function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** A base URL as typed: trimmed, no trailing slash, `http://` added when no scheme is given. */
export function normalizeBase(text: string, pageHref: string): string | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)
    ? trimmed
    : trimmed.startsWith('/')
      ? new URL(trimmed, pageHref).href
      : `http://${trimmed}`;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.href.replace(/\/+$/, '');
  } catch {
    return null;
  }
}

/**
 * Whether the page may fetch from `base`: weft serve's Content-Security-Policy (connect-src)
 * allows the page's own origin and the origins named by its `?micromegas=` / `?process=`.
 */
export function reachableFromPage(base: string, pageHref: string): boolean {
  const page = new URL(pageHref);
  const origin = originOf(base);
  if (origin === null) return false;
  if (origin === page.origin) return true;
  const named = ['micromegas', 'process'].map((k) => page.searchParams.get(k) ?? '');
  return named.some((value) => originOf(value) === origin);
}

/** The connection a page URL names (`?micromegas=<base>[&data_source=<name>]`), or null. */
export function parseConnectionLink(
  pageHref: string,
): { base: string; dataSource: string | null } | null {
  const params = new URL(pageHref).searchParams;
  const text = params.get('micromegas');
  const base = text ? normalizeBase(text, pageHref) : null;
  return base ? { base, dataSource: params.get('data_source') || null } : null;
}

/** `?micromegas=<base>[&data_source=…][&process=…]`: the deep link of a connection. */
export function connectionLink(
  pageHref: string,
  base: string,
  dataSource: string | null,
  processId: string | null = null,
): string {
  const url = new URL(pageHref);
  url.search = '';
  url.hash = '';
  url.searchParams.set('micromegas', base);
  if (dataSource) url.searchParams.set('data_source', dataSource);
  if (processId) url.searchParams.set('process', processId);
  return url.href;
}
