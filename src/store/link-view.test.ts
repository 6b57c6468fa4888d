// A link's view and the load it opens: the view comes with the load's first view (before the
// database has indexed), and what the user does after that is not undone by the load's end.
import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER } from '../model/span-filter';
import { AppController } from './app-actions';
import { createAppStore } from './app-state';
import { fakeFetch, FakeBackend } from './testing';
import type { UrlView } from './url-state';
import { createViewStore } from './view-state';

const PAGE = 'http://localhost:4173/';
const MANIFEST = 'http://localhost:4173/captures/cap/manifest.json';

/** A backend whose database answers its counts only once `index()` is called. */
function setup() {
  const app = createAppStore();
  const view = createViewStore();
  const backend = new FakeBackend();
  const actions = new AppController(app, view, backend, {
    fetch: fakeFetch({ [MANIFEST]: { files: ['process.cbor'] } }),
    pageUrl: () => PAGE,
  });
  let index = () => {};
  const indexed = new Promise<void>((resolve) => (index = resolve));
  let asked = () => {};
  const counting = new Promise<void>((resolve) => (asked = resolve));
  const counts = backend.counts.bind(backend);
  backend.counts = async () => {
    asked();
    await indexed;
    return counts();
  };
  return { app, view, backend, actions, counting, index };
}

const link = (extra: Partial<UrlView> = {}): UrlView => ({
  process: 'cap',
  range: null,
  window: { startNs: 50, endNs: 250 },
  spanId: 3n,
  filter: { ...EMPTY_FILTER, state: 'complete' },
  ...extra,
});

describe('a link’s view and the load it opens', () => {
  it('comes with the first view, and what the user does before the load ends stays', async () => {
    const { app, view, backend, actions, counting, index } = setup();
    const spans = backend.addProcess('p1', 4);
    const url = link();
    const opening = actions.openProcess('cap', url);
    await counting; // the first view is shown; the database has not counted yet
    expect(app.getState().phase).toBe('loading');
    expect(view.getState()).toMatchObject({ processId: 'p1', spans, window: url.window });
    expect(view.getState().filter).toEqual(url.filter);
    expect(spans.spanId[view.getState().selected]).toBe(url.spanId);
    // the user acts on it before the load ends
    const window = { startNs: 100, endNs: 150 };
    view.getState().select(0);
    view.getState().setFilter({ state: 'open' });
    view.getState().setWindow(window);
    index();
    await opening;
    expect(app.getState().phase).toBe('idle');
    expect(view.getState()).toMatchObject({ processId: 'p1', selected: 0, window });
    expect(view.getState().filter).toEqual({ ...EMPTY_FILTER, state: 'open' });
  });

  it('shows the process the link names from the first view on, switching once', async () => {
    const { view, backend, actions, counting, index } = setup();
    backend.addProcess('big', 5);
    const small = backend.addProcess('small', 3);
    const shown: (string | null)[] = [];
    view.subscribe((s, prev) => {
      if (s.spans !== prev.spans) shown.push(s.processId);
    });
    const url = link({ processId: 'small' });
    const opening = actions.openProcess('cap', url);
    await counting;
    expect(view.getState()).toMatchObject({ processId: 'small', spans: small, window: url.window });
    index();
    await opening;
    // the first view is the capture's busiest process, the link's follows it in the same task;
    // the load's end does not show the busiest one again
    expect(shown).toEqual(['big', 'small']);
    expect(view.getState()).toMatchObject({ processId: 'small', window: url.window });
    expect(small.spanId[view.getState().selected]).toBe(url.spanId);
  });

  it('is put back when the load’s end shows another process than its first view', async () => {
    const { view, backend, actions, index } = setup();
    backend.addProcess('early', 2);
    const late = backend.addProcess('late', 4);
    // ingest had merged only `early` when the first view was shown; the database holds both
    backend.mergedProcesses = () => backend.processList.slice(0, 1);
    const url = link();
    index();
    await actions.openProcess('cap', url);
    expect(view.getState()).toMatchObject({ processId: 'late', spans: late, window: url.window });
    expect(view.getState().filter).toEqual(url.filter);
    expect(late.spanId[view.getState().selected]).toBe(url.spanId);
  });
});
