import { describe, expect, it } from 'vitest';
import { createAppStore } from './app-state';
import { makeSpanTable } from '../model/testing';
import {
  formatUrlView,
  linkedProcess,
  parseUrlView,
  restoreLink,
  restoreUrlView,
  type UrlView,
} from './url-state';
import { EMPTY_FILTER } from '../model/span-filter';
import { createViewStore, fullWindow } from './view-state';

/** What a URL naming no filter, search, histogram, call path or row height parses to. */
const NOTHING_ELSE = {
  filter: EMPTY_FILTER,
  selection: null,
  search: '',
  processId: null,
  histogramName: null,
  brush: null,
  histogramFollow: true,
  callPath: null,
  compactRows: false,
  groupsCollapsed: false,
  groupsFlipped: [],
};

/** An app with processes a and b loaded, and a view store. */
function twoProcessesLoaded() {
  const app = createAppStore();
  const summary = (processId: string) => ({ processId, exe: '', spans: 1, threads: 1, events: 2 });
  app.setState({ processes: [summary('a'), summary('b')] });
  return { app, view: createViewStore() };
}

describe('url view', () => {
  it('round-trips process, window and span id', () => {
    const href = formatUrlView('http://h/?keep=1', {
      process: '/sample/',
      range: null,
      window: { startNs: 10.4, endNs: 2000 },
      spanId: -5n,
    });
    expect(href).toBe('http://h/?keep=1&process=/sample/&t=10,2000&span=-5');
    expect(parseUrlView(new URL(href).search)).toEqual({
      process: '/sample/',
      range: null,
      window: { startNs: 10, endNs: 2000 },
      spanId: -5n,
      ...NOTHING_ELSE,
    });
  });

  it('round-trips every field of the view, next to the connection (a copied link)', () => {
    const filter = {
      name: '/^db::.*&x=1/i',
      target: 'app::db',
      file: 'src/db.rs',
      beginThread: 'tokio-runtime-worker-1',
      endThread: 'tokio-runtime-worker-2',
      state: 'complete' as const,
      migrated: 'no' as const,
      duration: '1ms..5ms',
    };
    expect(Object.keys(filter).sort()).toEqual(Object.keys(EMPTY_FILTER).sort());
    const view: Required<UrlView> = {
      process: '3ed3d348-e7fe-4d86-a666-ab77bd6f0443',
      range: { beginIso: '2026-11-27T00:30:20.1Z', endIso: '2026-11-27T00:30:21Z' },
      window: { startNs: 10, endNs: 2000 },
      spanId: -9223372036854775808n,
      filter,
      selection: { startNs: 100, endNs: 900 },
      search: 'load user & co',
      processId: '3ed3d348-e7fe-4d86-a666-ab77bd6f0443',
      histogramName: 'SELECT users; "x" & y',
      brush: { minNs: 1000, maxNs: 50_118 },
      histogramFollow: false,
      callPath: { names: ['main_loop', 'db::query&x=1, y', 'a > b/c?#'], inverted: true },
      compactRows: true,
      groupsCollapsed: true,
      groupsFlipped: [7n, -9223372036854775808n],
    };
    const page = 'http://h/?micromegas=http://a:1/x&data_source=local';
    const href = formatUrlView(page, view);
    expect(new URL(href).searchParams.get('micromegas')).toBe('http://a:1/x');
    expect(new URL(href).searchParams.get('data_source')).toBe('local');
    expect(parseUrlView(new URL(href).search)).toEqual(view);
    const unbounded = { ...view, brush: { minNs: 7, maxNs: Infinity } };
    expect(parseUrlView(new URL(formatUrlView(page, unbounded)).search)).toEqual(unbounded);
  });

  it('round-trips the range a remote process was read for, next to the connection', () => {
    const range = { beginIso: '2026-11-27T00:30:20.1Z', endIso: '2026-11-27T00:30:21Z' };
    const page = 'http://h/?micromegas=http://a:1/x&data_source=local';
    const href = formatUrlView(page, { process: 'p1', range, window: null, spanId: null });
    expect(href).toBe(
      'http://h/?micromegas=http://a:1/x&data_source=local&process=p1' +
        '&begin=2026-11-27T00:30:20.1Z&end=2026-11-27T00:30:21Z',
    );
    expect(parseUrlView(new URL(href).search)).toMatchObject({ process: 'p1', range });
  });

  it('ignores malformed values', () => {
    expect(parseUrlView('?t=5,1&span=abc&range=9,3&begin=x&end=2026-01-01T00:00:00Z')).toEqual({
      process: null,
      range: null,
      window: null,
      spanId: null,
      ...NOTHING_ELSE,
    });
    for (const brush of ['9,3', '-1,5', '1.5,9', 'x,1', ','])
      expect(parseUrlView(`?brush=${brush}`).brush).toBeNull();
    const reversed = '?begin=2026-01-02T00:00:00Z&end=2026-01-01T00:00:00Z';
    expect(parseUrlView(reversed).range).toBeNull();
  });

  it('round-trips filters, the range and the search; any text is data', () => {
    const filter = {
      ...EMPTY_FILTER,
      name: '/^db::.*&x=1/i',
      beginThread: 'tokio-runtime-worker',
      migrated: 'yes' as const,
      duration: '>1ms',
    };
    const selection = { startNs: 100, endNs: 900 };
    const href = formatUrlView('http://h/', {
      process: 'p',
      window: null,
      spanId: null,
      range: null,
      filter,
      selection,
      search: 'a b&c',
    });
    expect(parseUrlView(new URL(href).search)).toMatchObject({
      filter,
      selection,
      search: 'a b&c',
    });
    expect(parseUrlView('?state=bogus&migrated=maybe').filter).toEqual(EMPTY_FILTER);
  });

  it('round-trips the call tree path, top-down or inverted, whatever its names hold', () => {
    const names = ['main_loop', 'db::query&x=1, y', 'a > b/c?#'];
    const base = { process: 'p', window: null, spanId: null, range: null };
    for (const inverted of [false, true]) {
      const callPath = { names, inverted };
      const href = formatUrlView('http://h/?cpath=stale&ipath=old', { ...base, callPath });
      expect(parseUrlView(new URL(href).search).callPath).toEqual(callPath);
    }
    const cleared = formatUrlView('http://h/?cpath=a&cpath=b', { ...base, callPath: null });
    expect(cleared).toBe('http://h/?process=p');
  });

  it('restores window and selection on loaded spans', () => {
    const view = createViewStore();
    const spans = makeSpanTable([
      { spanId: 7, parentSpanId: 0, beginNs: 0, endNs: 10 },
      { spanId: 9, parentSpanId: 7, beginNs: 2, endNs: 5 },
    ]);
    view.getState().setSpans(spans, 'p');
    const url = { process: 'p', range: null, window: { startNs: 1, endNs: 4 }, spanId: 9n };
    restoreUrlView(view, url);
    expect(view.getState().window).toEqual({ startNs: 1, endNs: 4 });
    expect(spans.spanId[view.getState().selected]).toBe(9n);
  });

  it('restores the histogram name and brush, and the filters, range and search', () => {
    const view = createViewStore();
    const spans = makeSpanTable([{ spanId: 7, parentSpanId: 0, beginNs: 0, endNs: 10 }]);
    view.getState().setSpans(spans, 'p');
    const filter = { ...EMPTY_FILTER, state: 'open' as const };
    const linked = {
      ...{ process: 'p', range: null, window: null, spanId: null, filter, search: 'a' },
      ...{ selection: { startNs: 2, endNs: 8 }, histogramName: 'b', brush: { minNs: 1, maxNs: 3 } },
    };
    restoreUrlView(view, linked);
    expect(view.getState()).toMatchObject({
      ...{ filter, search: 'a', range: { startNs: 2, endNs: 8 }, window: fullWindow(spans) },
      ...{ selected: -1, histogramName: 'b', brush: { minNs: 1, maxNs: 3 } },
    });
    expect(view.getState().histogramFollow).toBe(true);
    restoreUrlView(view, { ...linked, histogramFollow: false });
    expect(view.getState().histogramFollow).toBe(false);
    restoreUrlView(view, { process: 'p', range: null, window: null, spanId: null });
    expect(view.getState()).toMatchObject({ histogramName: null, brush: null, search: '' });
    expect(view.getState().histogramFollow).toBe(true);
  });

  it('names the linked process to show only when it is loaded and not shown', () => {
    const { app, view } = twoProcessesLoaded();
    view.getState().setSpans(makeSpanTable([]), 'a');
    const link = (processId: string | null) => ({
      ...{ process: 'src', range: null, window: null, spanId: null, processId },
    });
    expect(linkedProcess(link('b'), app, view)).toBe('b');
    expect(linkedProcess(link('a'), app, view)).toBeNull();
    expect(linkedProcess(link('c'), app, view)).toBeNull();
    expect(linkedProcess(link(null), app, view)).toBeNull();
  });

  it('restoreLink shows the linked process, then restores the view on its spans', async () => {
    const { app, view } = twoProcessesLoaded();
    view
      .getState()
      .setSpans(makeSpanTable([{ spanId: 1, parentSpanId: 0, beginNs: 0, endNs: 9 }]), 'a');
    const tableB = makeSpanTable([{ spanId: 5, parentSpanId: 0, beginNs: 0, endNs: 30 }]);
    const backend = { spanTable: async (id: string) => (id === 'b' ? tableB : makeSpanTable([])) };
    const url = { process: 'src', range: null, window: { startNs: 2, endNs: 20 }, spanId: 5n };
    await restoreLink({ ...url, processId: 'b' }, { app, view, backend });
    expect(view.getState()).toMatchObject({ processId: 'b', spans: tableB, selected: 0 });
    expect(view.getState().window).toEqual({ startNs: 2, endNs: 20 });
  });
});
