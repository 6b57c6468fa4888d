import { describe, expect, it, vi } from 'vitest';
import { createAppStore } from './app-state';
import { makeSpanTable } from '../model/testing';
import { bindUrlView, formatUrlView, parseUrlView, restoreUrlView } from './url-state';
import { createViewStore } from './view-state';

describe('url view', () => {
  it('round-trips process, window and span id', () => {
    const href = formatUrlView('http://h/?keep=1', {
      process: '/sample/',
      window: { startNs: 10.4, endNs: 2000 },
      spanId: -5n,
    });
    expect(href).toBe('http://h/?keep=1&process=/sample/&t=10,2000&span=-5');
    expect(parseUrlView(new URL(href).search)).toEqual({
      process: '/sample/',
      window: { startNs: 10, endNs: 2000 },
      spanId: -5n,
    });
  });

  it('ignores malformed values', () => {
    expect(parseUrlView('?t=5,1&span=abc')).toEqual({ process: null, window: null, spanId: null });
  });

  it('restores window and selection on loaded spans', () => {
    const view = createViewStore();
    const spans = makeSpanTable([
      { spanId: 7, parentSpanId: 0, beginNs: 0, endNs: 10 },
      { spanId: 9, parentSpanId: 7, beginNs: 2, endNs: 5 },
    ]);
    view.getState().setSpans(spans, 'p');
    restoreUrlView(view, { process: 'p', window: { startNs: 1, endNs: 4 }, spanId: 9n });
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
