// What the page does when it opens, from its URL: `?micromegas=<base>[&data_source=…]
// [&process=<id>][&begin=…&end=…]` connects to that analytics server and opens the process
// through the protocol; `?process=<url-or-id>` opens a capture folder; no parameter opens the
// default (the own server's latest process, or the sample while it waits). The page's own server
// is then asked for the protocol, so the process browser lists it. No React.
import type { AppActions } from './app-actions';
import type { AppStore } from './app-state';
import { BrowserController } from './browser-actions';
import {
  ConnectionController,
  remoteLister,
  type ConnectEnv,
  type RemoteDirectory,
} from './connect-actions';
import { createConnectionStore, parseConnectionLink } from './connection';
import type { FetchFn } from './process-source';
import type { RemoteConnection } from './remote-source';
import { serverLister } from './server-processes';
import { parseUrlView } from './url-state';

export interface StartupDeps {
  actions: Pick<AppActions, 'openProcess' | 'openDefault'>;
  browser: BrowserController;
  connection: ConnectionController;
  pageHref: string;
}

export async function startup({ actions, browser, connection, pageHref }: StartupDeps) {
  const linked = parseUrlView(new URL(pageHref).search);
  const link = parseConnectionLink(pageHref);
  if (link) {
    if (linked.process)
      browser.awaitLink({ processId: linked.process, range: linked.range, restore: linked });
    else void actions.openDefault();
    // Opens the linked process when it answers; after a 401 the Connect dialog asks first.
    if (!(await connection.check(link.base, link.dataSource, null))) browser.linkUnanswered();
    return;
  }
  if (linked.process) void actions.openProcess(linked.process, linked);
  else void actions.openDefault();
  await connection.check(new URL(pageHref).origin, null, null);
  if (connection.store.getState().auth === 'unavailable') browser.listServerCaptures();
}

/** The process browser and its connection, wired: a working connection becomes the list. */
export function createRemoteSession(
  app: AppStore,
  actions: Pick<AppActions, 'openProcess' | 'openRemoteProcess'>,
  directory: RemoteDirectory,
  env: ConnectEnv & { fetch: FetchFn },
) {
  const store = createConnectionStore(new URL(env.pageHref()).origin);
  const onConnected = (conn: RemoteConnection, own: boolean) =>
    browser.connected(conn, own, remoteLister(directory, conn));
  const connection = new ConnectionController(store, directory, env, onConnected);
  // Nothing is listed until a server answers the protocol (the own one, or a linked one).
  const browser = new BrowserController(app, actions, serverLister(env.fetch), {
    directory,
    connection: store,
  });
  return { browser, connection };
}
