// Connecting to an analytics server: ask its data sources (with the session cookie, or a pasted
// bearer token), pick the default one, and hand the process browser a lister for it. A base the
// page's Content-Security-Policy does not allow is opened as a deep link instead
// (`?micromegas=<base>`): the page reloads with that origin allowed. No React.
import type { BrowserProcess, ProcessLister } from './process-browser';
import {
  RemoteError,
  defaultDataSource,
  type BlockOverview,
  type DataSource,
  type ProcessFilter,
  type RemoteAuth,
  type RemoteConnection,
  type RemoteProcess,
} from './remote-source';
import {
  connectionLink,
  connectionOf,
  normalizeBase,
  originOf,
  reachableFromPage,
  type AuthState,
  type ConnectionStore,
} from './connection';

/** The protocol calls the viewer makes (src/store/remote-source.ts; a fake in tests). */
export interface RemoteDirectory {
  dataSources(baseUrl: string, auth: RemoteAuth, signal?: AbortSignal): Promise<DataSource[]>;
  processes(
    conn: RemoteConnection,
    filter: ProcessFilter,
    signal?: AbortSignal,
  ): Promise<RemoteProcess[]>;
  overview(
    conn: RemoteConnection,
    processId: string,
    options: { bucketCount: number },
    signal?: AbortSignal,
  ): Promise<BlockOverview>;
}

export interface ConnectEnv {
  pageHref(): string;
  /** Leaves the page for a deep link (the browser reloads with the new origin allowed). */
  navigate(href: string): void;
}

export function toBrowserProcess(p: RemoteProcess): BrowserProcess {
  return { ...p, startTime: p.startTime || null };
}

/** The browser's lister over a connection: text and range go to the server. */
export function remoteLister(directory: RemoteDirectory, conn: RemoteConnection): ProcessLister {
  return async (filter, signal) => {
    const query: ProcessFilter = {};
    if (filter.text.trim()) query.text = filter.text.trim();
    if (filter.beginIso) query.beginIso = filter.beginIso;
    if (filter.endIso) query.endIso = filter.endIso;
    return (await directory.processes(conn, query, signal)).map(toBrowserProcess);
  };
}

/** How a failed look-up reads in the dialog; the own server answering no protocol is no error. */
export function authOf(error: unknown, own: boolean): { auth: AuthState; message: string } {
  const message = error instanceof Error ? error.message : String(error);
  if (!(error instanceof RemoteError)) return { auth: 'error', message };
  if (error.kind === 'unauthorized') return { auth: 'unauthorized', message };
  if (error.kind === 'forbidden') return { auth: 'forbidden', message };
  if (own && (error.kind === 'http' || error.kind === 'protocol'))
    return { auth: 'unavailable', message: 'This page’s server does not answer the protocol.' };
  if (error.kind === 'unreachable') return { auth: 'unreachable', message };
  return { auth: 'error', message };
}

export class ConnectionController {
  private checking: AbortController | null = null;

  constructor(
    readonly store: ConnectionStore,
    private readonly directory: RemoteDirectory,
    private readonly env: ConnectEnv,
    /** Called with each new working connection (the browser lists it from then on). */
    private readonly onConnected: (conn: RemoteConnection, own: boolean) => void,
  ) {}

  /**
   * What the Connect dialog's Connect button does. Returns false when the page navigates to a
   * deep link instead (a base the page may not fetch from), or when the check failed.
   */
  async apply(baseText: string, dataSource: string | null, token: string | null) {
    const base = normalizeBase(baseText, this.env.pageHref());
    if (base === null) {
      this.store.setState({ auth: 'error', message: `“${baseText}” is not an http(s) address.` });
      return false;
    }
    if (!reachableFromPage(base, this.env.pageHref())) {
      this.env.navigate(connectionLink(this.env.pageHref(), base, dataSource));
      return false;
    }
    return (await this.check(base, dataSource, token)) !== null;
  }

  /** Asks `base` for its data sources; on success the browser lists it. */
  async check(base: string, dataSource: string | null, token: string | null) {
    this.checking?.abort();
    const controller = (this.checking = new AbortController());
    const own = originOf(base) === originOf(this.env.pageHref());
    const auth: RemoteAuth = token ? { bearerToken: token } : {};
    this.store.setState({ baseUrl: base, own, token, auth: 'checking', message: null });
    try {
      const sources = await this.directory.dataSources(base, auth, controller.signal);
      const known = sources.some((s) => s.name === dataSource);
      const chosen = known ? dataSource : defaultDataSource(sources);
      this.store.setState({ dataSources: sources, dataSource: chosen, auth: 'ok', loginUrl: null });
      const conn = connectionOf(this.store.getState());
      if (conn) this.onConnected(conn, own);
      return conn;
    } catch (error) {
      if (controller.signal.aborted) return null;
      const loginUrl = error instanceof RemoteError ? (error.loginUrl ?? null) : null;
      this.store.setState({ ...authOf(error, own), dataSources: [], loginUrl });
      return null;
    }
  }
}
