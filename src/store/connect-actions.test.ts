import { describe, expect, it } from 'vitest';
import { createAppStore } from './app-state';
import { BrowserController } from './browser-actions';
import { ConnectionController, remoteLister, type RemoteDirectory } from './connect-actions';
import {
  connectionLink,
  createConnectionStore,
  normalizeBase,
  parseConnectionLink,
  reachableFromPage,
} from './connection';
import { RemoteError, type BlockOverview, type RemoteConnection } from './remote-source';
import { startup } from './startup';

const PAGE = 'http://127.0.0.1:9000/';
const FAR = 'https://analytics.example.com/analytics';

function overviewOf(cpuObjects: number): BlockOverview {
  return {
    processId: 'p',
    beginNs: 1_000n,
    endNs: 2_000n,
    bucketCount: 1,
    bucketNs: 1000,
    totalObjects: cpuObjects,
    cpuObjects,
    totalBlocks: 1,
    threads: [],
    spans: [],
  };
}

/** A server that wants bearer token 'k' when `token` is set; processes of `cpuObjects` events. */
interface FakeOptions {
  token?: string;
  cpuObjects?: number;
  /** The block overview answers once it resolves. */
  overviewGate?: Promise<void>;
}

function fakeDirectory(options: FakeOptions = {}) {
  const calls: string[] = [];
  const directory: RemoteDirectory = {
    dataSources: async (base, auth) => {
      calls.push(`sources ${base} ${auth.bearerToken ?? '-'}`);
      if (options.token && auth.bearerToken !== options.token)
        throw new RemoteError('unauthorized', `${base} answered 401`, {
          status: 401,
          loginUrl: `${base}/auth/login`,
        });
      return [
        { name: 'other', isDefault: false },
        { name: 'main', isDefault: true },
      ];
    },
    processes: async (conn, filter) => {
      calls.push(`processes ${conn.dataSource} ${JSON.stringify(filter)}`);
      return [
        {
          processId: 'p1',
          exe: 'x',
          computer: 'c',
          username: 'u',
          startTime: '',
          lastBlockTime: null,
          cpuBlocks: 1,
          totalBlocks: 2,
        },
      ];
    },
    overview: async (conn, processId) => {
      calls.push(`overview ${processId}`);
      await options.overviewGate;
      return overviewOf(options.cpuObjects ?? 10);
    },
  };
  return { directory, calls };
}

function setup(options: FakeOptions & { page?: string } = {}) {
  const app = createAppStore();
  const opened: string[] = [];
  const actions = {
    openProcess: async (id: string) => void opened.push(`captures ${id}`),
    openDefault: async () => void opened.push('default'),
    openRemoteProcess: async (conn: RemoteConnection, id: string, range?: object) =>
      void opened.push(`remote ${conn.baseUrl} ${conn.dataSource} ${id} ${JSON.stringify(range)}`),
  };
  const { directory, calls } = fakeDirectory(options);
  const page = options.page ?? PAGE;
  const navigated: string[] = [];
  const env = { pageHref: () => page, navigate: (href: string) => void navigated.push(href) };
  const store = createConnectionStore(new URL(page).origin);
  const connected: RemoteConnection[] = [];
  const browser = new BrowserController(app, actions, async () => null, {
    directory,
    connection: store,
  });
  const connection = new ConnectionController(store, directory, env, (conn, own) => {
    connected.push(conn);
    browser.connected(conn, own, remoteLister(directory, conn));
  });
  return { app, actions, browser, connection, store, opened, calls, navigated, connected };
}

describe('connection helpers', () => {
  it('normalizes typed bases and names the connection of a page URL', () => {
    expect(normalizeBase(' analytics.example.com/x/ ', PAGE)).toBe(
      'http://analytics.example.com/x',
    );
    expect(normalizeBase('/', PAGE)).toBe('http://127.0.0.1:9000');
    expect(normalizeBase('ftp://h', PAGE)).toBeNull();
    const link = connectionLink(`${PAGE}?t=1,2`, FAR, 'main', 'p1');
    expect(parseConnectionLink(link)).toEqual({ base: FAR, dataSource: 'main' });
    expect(new URL(link).searchParams.get('process')).toBe('p1');
  });

  it('knows which origins the page may fetch (its own, and those its URL names)', () => {
    expect(reachableFromPage('http://127.0.0.1:9000/x', PAGE)).toBe(true);
    expect(reachableFromPage(FAR, PAGE)).toBe(false);
    expect(reachableFromPage(FAR, `${PAGE}?micromegas=${encodeURIComponent(FAR)}`)).toBe(true);
  });
});

describe('ConnectionController', () => {
  it('picks the default data source, then the browser lists that connection', async () => {
    const { connection, store, connected, browser, calls } = setup();
    expect(await connection.apply('/', null, null)).toBe(true);
    expect(store.getState()).toMatchObject({ auth: 'ok', own: true, dataSource: 'main' });
    expect(connected).toEqual([{ baseUrl: 'http://127.0.0.1:9000', dataSource: 'main' }]);
    browser.setFilter({ text: 'x', beginIso: null, endIso: null });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls).toContain('processes main {"text":"x"}');
    expect(browser.store.getState().processes[0]).toMatchObject({
      processId: 'p1',
      startTime: null,
    });
    browser.poll.stop();
  });

  it('a base the page may not fetch from is opened as a deep link', async () => {
    const { connection, navigated, calls } = setup();
    expect(await connection.apply(FAR, 'main', 'secret')).toBe(false);
    expect(navigated).toEqual([connectionLink(PAGE, FAR, 'main')]);
    expect(navigated[0]).not.toContain('secret');
    expect(calls).toEqual([]);
  });

  it('a 401 says how to log in; a pasted token (memory only) is sent as a bearer', async () => {
    const { connection, store, calls } = setup({ token: 'k' });
    await connection.check(PAGE.slice(0, -1), null, null);
    expect(store.getState()).toMatchObject({
      auth: 'unauthorized',
      loginUrl: 'http://127.0.0.1:9000/auth/login',
    });
    await connection.check(PAGE.slice(0, -1), null, 'k');
    expect(store.getState()).toMatchObject({ auth: 'ok', token: 'k', loginUrl: null });
    const asked = calls.filter((c) => c.startsWith('sources'));
    expect(asked.slice(-1)).toEqual(['sources http://127.0.0.1:9000 k']);
  });
});

describe('opening from the browser', () => {
  it('opens the own server’s process from its capture folder when it fits the budget', async () => {
    const { connection, browser, opened } = setup({ cpuObjects: 100 });
    await connection.check('http://127.0.0.1:9000', null, null);
    await browser.open('p1');
    expect(opened).toEqual(['captures p1']);
    browser.poll.stop();
  });

  it('over the budget: the overview waits for a range, sent as RFC 3339 begin/end', async () => {
    const { connection, browser, opened } = setup({ cpuObjects: 6_000_000 });
    await connection.check('http://127.0.0.1:9000', null, null);
    await browser.open('p1');
    expect(opened).toEqual([]);
    expect(browser.store.getState().pick).toMatchObject({ processId: 'p1', status: 'ready' });
    browser.setRange([1_000_000_001n, 1_500_000_000n]);
    await browser.loadPick(false);
    const range = {
      beginIso: '1970-01-01T00:00:01.000000001Z',
      endIso: '1970-01-01T00:00:01.500000000Z',
    };
    expect(opened).toEqual([`remote http://127.0.0.1:9000 main p1 ${JSON.stringify(range)}`]);
    expect(browser.store.getState().pick).toBeNull();
    browser.poll.stop();
  });

  it('a raised budget opens the same process whole', async () => {
    const { connection, browser, opened } = setup({ cpuObjects: 6_000_000 });
    await connection.check(FAR, null, null);
    browser.setBudget(10_000_000);
    await browser.open('p1');
    expect(opened).toEqual([`remote ${FAR} main p1 undefined`]);
    browser.poll.stop();
  });
});

describe('startup', () => {
  it('a deep link connects, then opens its process with its range through the protocol', async () => {
    const page = `${PAGE}?micromegas=${PAGE}&process=p1&data_source=other&begin=2026-01-01T00:00:00Z&end=2026-01-01T00:00:01Z`;
    const { actions, browser, connection, opened } = setup({ page });
    await startup({ actions, browser, connection, pageHref: page });
    await new Promise((resolve) => setTimeout(resolve, 0));
    const range = { beginIso: '2026-01-01T00:00:00Z', endIso: '2026-01-01T00:00:01Z' };
    expect(opened).toEqual([`remote http://127.0.0.1:9000 other p1 ${JSON.stringify(range)}`]);
    browser.poll.stop();
  });

  it('a deep link behind a log-in opens once a token is given', async () => {
    const page = `${PAGE}?micromegas=${PAGE}&process=p1`;
    const { actions, browser, connection, opened, store } = setup({ page, token: 'k' });
    await startup({ actions, browser, connection, pageHref: page });
    expect(store.getState().auth).toBe('unauthorized');
    expect(opened).toEqual([]);
    await connection.apply(PAGE, null, 'k');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(opened).toEqual(['remote http://127.0.0.1:9000 main p1 undefined']);
    browser.poll.stop();
  });

  it('a deep link says the page is loading from the start, until its load says so', async () => {
    let answer: () => void = () => {};
    const overviewGate = new Promise<void>((resolve) => (answer = resolve));
    const page = `${PAGE}?micromegas=${PAGE}&process=p1`;
    const { app, actions, browser, connection, opened } = setup({ page, overviewGate });
    const phases: string[] = [];
    app.subscribe((s) => phases.push(s.phase));
    const starting = startup({ actions, browser, connection, pageHref: page });
    expect(app.getState().phase).toBe('loading'); // before the server answers
    await starting;
    expect([app.getState().phase, opened]).toEqual(['loading', []]); // the overview is read
    answer();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(opened).toEqual(['remote http://127.0.0.1:9000 main p1 undefined']);
    browser.linkUnanswered(); // the load's own loading is not the link's to end
    expect(phases).toEqual(['loading']); // never empty in between
    browser.poll.stop();
  });

  it('a deep link that waits for the user leaves the page empty meanwhile', async () => {
    const page = `${PAGE}?micromegas=${PAGE}&process=p1`;
    const login = setup({ page, token: 'k' });
    await startup({ ...login, pageHref: page });
    expect([login.store.getState().auth, login.app.getState().phase]).toEqual([
      'unauthorized',
      'empty',
    ]);
    const big = setup({ page, cpuObjects: 6_000_000 });
    await startup({ ...big, pageHref: page });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(big.browser.store.getState().pick).toMatchObject({ status: 'ready' });
    expect([big.app.getState().phase, big.opened]).toEqual(['empty', []]); // a range is picked first
    login.browser.poll.stop();
    big.browser.poll.stop();
  });

  it('without a link: the default opens and the own server is asked for the protocol', async () => {
    const { actions, browser, connection, opened, calls } = setup();
    await startup({ actions, browser, connection, pageHref: PAGE });
    expect(opened).toEqual(['default']);
    expect(calls[0]).toBe('sources http://127.0.0.1:9000 -');
    browser.poll.stop();
  });
});
