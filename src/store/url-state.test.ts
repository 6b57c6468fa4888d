import { describe, expect, it, vi } from 'vitest';
import { createAppStore } from './app-state';
import { makeSpanTable } from '../model/testing';
import { bindUrlView, formatUrlView, parseUrlView, restoreUrlView } from './url-state';
import { createViewStore } from './view-state';

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
    });
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
    expect(parseUrlView('?t=5,1&span=abc&begin=x&end=2026-01-01T00:00:00Z')).toEqual({
      process: null,
      range: null,
      window: null,
      spanId: null,
    });
    const reversed = '?begin=2026-01-02T00:00:00Z&end=2026-01-01T00:00:00Z';
    expect(parseUrlView(reversed).range).toBeNull();
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
});
