import { describe, expect, it } from 'vitest';
import { shownStatus } from './shown';
import { AppController, chooseProcess } from './app-actions';
import { createAppStore } from './app-state';
import { NO_STEPS } from './load-progress';
import { fakeFetch, FakeBackend, summaryOf } from './testing';
import { createViewStore } from './view-state';
import type { SpanTable } from '../model/span-table';

const PAGE = 'http://localhost:4173/';

function setup(routes: Record<string, unknown> = {}) {
  const app = createAppStore();
  const view = createViewStore();
  const backend = new FakeBackend();
  const actions = new AppController(app, view, backend, {
    fetch: fakeFetch(routes),
    pageUrl: () => PAGE,
  });
  return { app, view, backend, actions };
}

const file = (path: string) => ({ kind: 'file' as const, file: new File([], path), path });

describe('AppController', () => {
  it('loads files, then shows the process with the most spans', async () => {
    const { app, view, backend, actions } = setup();
    backend.addProcess('small', 3);
    const big = backend.addProcess('big', 5);
    await actions.openFiles([file('a.cbor'), file('b.cbor')]);
    expect(backend.loaded.map((i) => i.path)).toEqual(['a.cbor', 'b.cbor']);
    expect(app.getState()).toMatchObject({ phase: 'idle', sourceLabel: '2 files', progress: null });
    expect(app.getState().counts).toEqual({ processes: 2, threads: 2, spans: 8, events: 16 });
    expect(view.getState()).toMatchObject({ processId: 'big', spans: big });
  });

  it('says it is loading from the drop on, while the budget survey reads the files', async () => {
    const { app, backend, actions } = setup();
    backend.addProcess('one', 2);
    await actions.openFiles([file('a.cbor')]);
    const opening = actions.openFiles([file('b.cbor')]);
    expect(app.getState()).toMatchObject({ phase: 'loading', loadSteps: NO_STEPS, progress: null });
    await opening;
    expect(app.getState().phase).toBe('idle');
  });

  it('a cancel in the budget dialog puts the phase back', async () => {
    const app = createAppStore();
    const backend = new FakeBackend();
    const env = { fetch: fakeFetch({}), pageUrl: () => PAGE, budgetBytes: 0 };
    const actions = new AppController(app, createViewStore(), backend, env);
    let warned = false;
    app.subscribe((s) => {
      if (!s.budgetWarning) return;
      warned = true;
      expect(s.phase).toBe('loading');
      actions.chooseBudget('cancel');
    });
    app.setState({ phase: 'error', failure: 'before' });
    const big = new File([new Uint8Array(1 << 16)], 'big.cbor');
    await actions.openFiles([{ kind: 'file', file: big, path: 'big.cbor' }]);
    expect(warned).toBe(true);
    expect(app.getState()).toMatchObject({ phase: 'error', failure: 'before' });
    expect(backend.loaded).toEqual([]);
  });

  it('shows the merged data before the database is indexed, and builds the view once', async () => {
    const { app, view, backend, actions } = setup();
    const big = backend.addProcess('big', 5);
    const seen: { indexing: boolean; holds: number; rowHolds: number; spans: unknown }[] = [];
    const described: unknown[] = []; // what the status bar says while indexing
    view.subscribe((s) => {
      const { holds, rowHolds } = backend;
      seen.push({ indexing: app.getState().indexing, holds, rowHolds, spans: s.spans });
    });
    app.subscribe((s) => {
      if (s.indexing && view.getState().spans === big) described.push(shownStatus(s, 'big'));
    });
    await actions.openFiles([file('a.cbor')]);
    // the view was set while the database was held back, before it indexed; never set again;
    // ingest's rows were held from the merge until the view was drawn
    expect(seen.filter((s) => s.spans === big)).toEqual([
      { indexing: true, holds: 1, rowHolds: 1, spans: big },
    ]);
    expect(backend.holds).toBe(0);
    expect(backend.rowHoldsTaken).toBe(1);
    expect(backend.rowHolds).toBe(0);
    // before the database counted them, the status bar showed ingest's counts of the process
    expect(described.length).toBeGreaterThan(0);
    const counted = await backend.processes();
    for (const d of described)
      expect(d).toMatchObject({ processes: counted.length, spans: 5, process: counted[0] });
    expect(backend.spanTableCalls).toBe(1);
    expect(app.getState()).toMatchObject({ phase: 'idle', indexing: false });
  });

  it('builds the rows and indexes them only once the view is drawn', async () => {
    const [app, view, backend] = [createAppStore(), createViewStore(), new FakeBackend()];
    let asked: (table: SpanTable) => void = () => {};
    const asking = new Promise<SpanTable>((resolve) => (asked = resolve));
    let draw: () => void = () => {};
    const drawn = (table: SpanTable) => {
      asked(table);
      return new Promise<void>((resolve) => (draw = resolve));
    };
    const env = { fetch: fakeFetch({}), pageUrl: () => PAGE, drawn };
    const actions = new AppController(app, view, backend, env);
    const big = backend.addProcess('big', 5);
    let opened = false;
    const opening = actions.openFiles([file('a.cbor')]).then(() => (opened = true));
    // the view shows the table and waits for its frame: the database and ingest's rows wait too
    expect(await asking).toBe(big);
    await new Promise((resolve) => setTimeout(resolve, 0)); // whatever is queued runs first
    expect(view.getState().spans).toBe(big);
    expect([backend.holds, backend.rowHolds, opened]).toEqual([1, 1, false]);
    draw();
    await opening;
    expect([backend.holds, backend.rowHolds, backend.rowHoldsTaken]).toEqual([0, 0, 1]);
    expect(app.getState()).toMatchObject({ phase: 'idle', indexing: false });
  });

  it('runs SQL only once the database holds the load', async () => {
    const { app, actions } = setup();
    app.setState({ indexing: true });
    const run = actions.runSql();
    await Promise.resolve();
    expect(app.getState().sql).toMatchObject({ running: true, result: null });
    app.setState({ indexing: false });
    await run;
    expect(app.getState().sql).toMatchObject({ running: false, error: null });
    expect(app.getState().sql.result?.rowCount).toBe(1);
  });

  it('keeps good data and lists each rejected input', async () => {
    const { app, backend, actions } = setup();
    backend.addProcess('p', 2);
    backend.onInput = (input, cb) => {
      if (input.path === 'bad.cbor') cb.onIssue({ fileName: 'bad.cbor', reason: 'expected a map' });
    };
    await actions.openFiles([file('good.cbor'), file('bad.cbor')]);
    expect(app.getState().issues).toMatchObject({ errors: 1, skipped: 0 });
    expect(app.getState().issues.errorList).toEqual([
      { fileName: 'bad.cbor', reason: 'expected a map', loadId: 1 },
    ]);
    expect(app.getState().phase).toBe('idle');
    expect(app.getState().counts.spans).toBe(2);
  });

  it('opens ?process= through the manifest and restores the linked view', async () => {
    const { app, view, backend, actions } = setup({
      'http://localhost:4173/captures/p1/manifest.json': { files: ['process.cbor'] },
    });
    const spans = backend.addProcess('p1', 4);
    await actions.openProcess('p1', {
      process: 'p1',
      range: null,
      window: { startNs: 5, endNs: 90 },
      spanId: 3n,
    });
    expect(backend.loaded).toEqual([
      { kind: 'url', url: 'http://localhost:4173/captures/p1/process.cbor', path: 'process.cbor' },
    ]);
    expect(app.getState().processParam).toBe('p1');
    expect(view.getState().window).toEqual({ startNs: 5, endNs: 90 });
    expect(spans.spanId[view.getState().selected]).toBe(3n);
  });

  it('says why ?process= failed', async () => {
    const { app, actions } = setup();
    await actions.openProcess('missing');
    expect(app.getState().phase).toBe('error');
    expect(app.getState().failure).toMatch(/No capture at .*captures\/missing\/.*404/);
  });

  it('refuses a ?process= that is not http(s) and a manifest entry outside its folder', async () => {
    const { app, backend, actions } = setup({
      'http://localhost:4173/captures/p1/manifest.json': {
        files: ['process.cbor', '../p2/process.cbor', '/api/processes'],
      },
    });
    await actions.openProcess('javascript:alert(1)');
    expect(app.getState()).toMatchObject({ phase: 'error' });
    expect(app.getState().failure).toMatch(/http\(s\) URL/);
    backend.addProcess('p1', 1);
    await actions.openProcess('p1');
    expect(backend.loaded.map((i) => i.path)).toEqual(['process.cbor']);
    expect(app.getState().issues.errorList.map((i) => i.fileName)).toEqual([
      '../p2/process.cbor',
      '/api/processes',
    ]);
  });

  it('opens the sample by default, unpinned, and a later drop replaces it', async () => {
    const { app, backend, actions } = setup({
      'http://localhost:4173/sample/manifest.json': { files: ['process.cbor'] },
    });
    backend.addProcess('sample', 1);
    await actions.openDefault();
    expect(app.getState()).toMatchObject({ processParam: null, live: 'off' });
    expect(app.getState().sourceLabel).toBe('bundled sample');
    expect(backend.loaded.map((i) => i.path)).toEqual(['process.cbor']);
    await actions.openFiles([file('mine.cbor')]);
    expect(backend.resets).toBe(2);
    expect(backend.loaded.map((i) => i.path)).toEqual(['mine.cbor']);
    await actions.openFiles([file('more.cbor')]);
    expect(backend.resets).toBe(2);
    expect(backend.loaded.map((i) => i.path)).toEqual(['mine.cbor', 'more.cbor']);
  });

  it('prefers the server’s latest process at first start', async () => {
    const { app, backend, actions } = setup({
      '/api/processes': [{ process_id: 'live1' }],
      'http://localhost:4173/captures/live1/manifest.json': { files: ['process.cbor'] },
    });
    backend.addProcess('live1', 1);
    await actions.openDefault();
    expect(app.getState().processParam).toBe('live1');
  });

  it('on an empty weft server, shows the sample unpinned and waits for a process', async () => {
    const { app, backend, actions } = setup({
      '/api/processes': [],
      'http://localhost:4173/sample/manifest.json': { files: ['process.cbor'] },
    });
    backend.addProcess('sample', 1);
    await actions.openDefault();
    expect(app.getState()).toMatchObject({ processParam: null, live: 'waiting', phase: 'idle' });
  });

  it('shows the process a second load brought, not the one shown before', async () => {
    const { app, view, backend, actions } = setup();
    backend.addProcess('first', 9);
    await actions.openFiles([file('first.cbor')]);
    expect(view.getState().processId).toBe('first');
    const second = backend.addProcess('second', 2);
    await actions.openFiles([file('second.cbor')]);
    expect(view.getState()).toMatchObject({ processId: 'second', spans: second });
    expect(app.getState().origins).toEqual({
      first: { label: 'first.cbor', loadId: 1 },
      second: { label: 'second.cbor', loadId: 2 },
    });
  });

  it('tags each rejected input with the load that met it', async () => {
    const { app, backend, actions } = setup();
    backend.onInput = (input, cb) => cb.onIssue({ fileName: input.path, reason: 'bad' });
    await actions.openFiles([file('a.cbor')]);
    await actions.openFiles([file('b.cbor')]);
    expect(app.getState().issues.errorList.map((i) => [i.fileName, i.loadId])).toEqual([
      ['a.cbor', 1],
      ['b.cbor', 2],
    ]);
  });

  it('stops reading after cancel and still shows what was loaded', async () => {
    const { app, backend, actions } = setup();
    backend.addProcess('p', 1);
    const { cancel } = actions; // as a click handler takes it: unbound
    backend.onInput = (input) => {
      if (input.path === 'b.cbor') cancel();
    };
    await actions.openFiles([file('a.cbor'), file('b.cbor'), file('c.cbor')]);
    expect(backend.loaded.map((i) => i.path)).toEqual(['a.cbor', 'b.cbor']);
    expect(app.getState()).toMatchObject({ phase: 'idle', sourceLabel: '3 files (cancelled)' });
  });

  it('runs SQL and keeps errors', async () => {
    const { app, backend, actions } = setup();
    actions.setSqlText('SELECT 1');
    await actions.runSql();
    expect(app.getState().sql.result?.rowAt(0)).toEqual(['SELECT 1']);
    backend.sqlAnswer = () => {
      throw new Error('Parser Error: syntax error at "SELEC"');
    };
    await actions.runSql();
    expect(app.getState().sql).toMatchObject({
      running: false,
      error: expect.stringMatching(/Parser/),
      result: null, // no stale header of the previous result under the error
    });
  });

  it('chooses the shown process when it is still loaded', () => {
    const list = [summaryOf('a', 1), summaryOf('b', 9)];
    expect(chooseProcess(list, 'a')).toBe('a');
    expect(chooseProcess(list, 'gone')).toBe('b');
    expect(chooseProcess([], null)).toBeNull();
  });
});

describe('live view', () => {
  it('follows a server capture from the end of its manifest and keeps the view', async () => {
    const app = createAppStore();
    const view = createViewStore();
    const backend = new FakeBackend();
    const opened: string[] = [];
    let send: (data: string) => void = () => {};
    const actions = new AppController(app, view, backend, {
      fetch: fakeFetch({
        'http://localhost:9000/captures/p1/manifest.json': { files: ['process.cbor', 'a.cbor'] },
      }),
      pageUrl: () => 'http://localhost:9000/',
      openEvents: (url, onMessage) => {
        opened.push(url);
        send = onMessage;
        return { close() {} };
      },
    });
    backend.addProcess('p1', 3);
    await actions.openProcess('p1');
    expect(opened).toEqual(['http://localhost:9000/api/processes/p1/events?since=2']);
    view.getState().setWindow({ startNs: 1, endNs: 2 });
    view.getState().select(2);
    const more = backend.addProcess('p1-more', 6);
    backend.tables.set('p1', more);
    backend.processList = [summaryOf('p1', 6)];
    send(JSON.stringify({ index: 2, path: 'blocks/s/b.cbor', kind: 'block' }));
    send(JSON.stringify({ index: 3, path: '../p2/process.cbor', kind: 'process' }));
    await new Promise((resolve) => setTimeout(resolve, 400));
    await actions.refresh();
    expect(backend.loaded.map((i) => i.path)).toEqual([
      'process.cbor',
      'a.cbor',
      'blocks/s/b.cbor',
    ]);
    expect(app.getState().counts.spans).toBe(6);
    expect(view.getState().spans).toBe(more);
    expect(view.getState().window).toEqual({ startNs: 1, endNs: 2 });
    expect(more.spanId[view.getState().selected]).toBe(3n);
  });
});
