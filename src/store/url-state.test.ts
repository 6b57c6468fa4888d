import { describe, expect, it, vi } from 'vitest';
import { createAppStore } from './app-state';
import { makeSpanTable } from '../model/testing';
import {
  bindUrlView,
  formatUrlView,
  linkedProcess,
  parseUrlView,
  restoreUrlView,
  type UrlView,
} from './url-state';
import { EMPTY_FILTER } from '../model/span-filter';
import { createViewStore, fullWindow } from './view-state';

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
      filter: EMPTY_FILTER,
      selection: null,
      search: '',
      processId: null,
      histogramName: null,
      brush: null,
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
      filter: EMPTY_FILTER,
      selection: null,
      search: '',
      processId: null,
      histogramName: null,
      brush: null,
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
    restoreUrlView(view, { process: 'p', range: null, window: null, spanId: null });
    expect(view.getState()).toMatchObject({ histogramName: null, brush: null, search: '' });
  });

  it('names the linked process to show only when it is loaded and not shown', () => {
    const app = createAppStore();
    const view = createViewStore();
    const summary = (processId: string) => ({
      processId,
      exe: '',
      spans: 1,
      threads: 1,
      events: 2,
    });
    app.setState({ processes: [summary('a'), summary('b')] });
    view.getState().setSpans(makeSpanTable([]), 'a');
    const link = (processId: string | null) => ({
      ...{ process: 'src', range: null, window: null, spanId: null, processId },
    });
    expect(linkedProcess(link('b'), app, view)).toBe('b');
    expect(linkedProcess(link('a'), app, view)).toBeNull();
    expect(linkedProcess(link('c'), app, view)).toBeNull();
    expect(linkedProcess(link(null), app, view)).toBeNull();
  });

  it('writes the view to the URL, debounced', () => {
    vi.useFakeTimers();
    const app = createAppStore();
    const view = createViewStore();
    let href = 'http://h/';
    const replace = vi.fn((next: string) => (href = next));
    const stop = bindUrlView(app, view, { href: () => href, replace }, 100);
    app.setState({ processParam: 'abc' });
    view
      .getState()
      .setSpans(makeSpanTable([{ spanId: 3, parentSpanId: 0, beginNs: 0, endNs: 1 }]), 'p');
    view.getState().select(0);
    view.getState().setWindow({ startNs: 0, endNs: 50 });
    expect(replace).not.toHaveBeenCalled();
    vi.advanceTimersByTime(100);
    expect(replace).toHaveBeenCalledTimes(1);
    expect(href).toBe('http://h/?process=abc&t=0,50&span=3');
    stop();
    vi.useRealTimers();
  });

  it('a view change pushes a history entry, a load replaces; Back restores the popped view', () => {
    vi.useFakeTimers();
    const app = createAppStore();
    const view = createViewStore();
    const entries = ['http://h/'];
    let at = 0;
    let onPop = () => {};
    const page = {
      href: () => entries[at],
      replace: (next: string) => void (entries[at] = next),
      push: (next: string) => void entries.splice(++at, entries.length, next),
      listen: (listener: () => void) => ((onPop = listener), () => {}),
    };
    const stop = bindUrlView(app, view, page, 100);
    const spans = makeSpanTable([{ spanId: 3, parentSpanId: 0, beginNs: 0, endNs: 1000 }]);
    app.setState({ processParam: 'abc' });
    view.getState().setSpans(spans, 'p');
    view.getState().setWindow({ startNs: 5, endNs: 50 }); // a restore in the load's quiet period
    vi.advanceTimersByTime(100);
    expect(entries).toEqual(['http://h/?process=abc&t=5,50']);
    view.getState().setWindow({ startNs: 10, endNs: 20 });
    view.getState().setWindow({ startNs: 10, endNs: 30 }); // same quiet period: one entry
    vi.advanceTimersByTime(100);
    view.getState().setFilter({ migrated: 'yes' });
    vi.advanceTimersByTime(100);
    expect(entries).toEqual([
      'http://h/?process=abc&t=5,50',
      'http://h/?process=abc&t=10,30',
      'http://h/?process=abc&t=10,30&migrated=yes',
    ]);
    at = 1; // Back
    onPop();
    vi.advanceTimersByTime(100);
    expect(view.getState().window).toEqual({ startNs: 10, endNs: 30 });
    expect(view.getState().filter).toEqual(EMPTY_FILTER);
    expect(entries).toHaveLength(3); // applying the entry wrote nothing
    at = 0;
    onPop();
    expect(view.getState().window).toEqual({ startNs: 5, endNs: 50 });
    entries[0] = 'http://h/?process=abc';
    onPop(); // an entry without a window: the whole capture
    expect(view.getState().window).toEqual(fullWindow(spans));
    stop();
    vi.useRealTimers();
  });
});
