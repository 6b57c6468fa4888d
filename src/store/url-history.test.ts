import { describe, expect, it, vi } from 'vitest';
import { createAppStore } from './app-state';
import { makeSpanTable } from '../model/testing';
import { bindUrlView } from './url-history';
import { EMPTY_FILTER } from '../model/span-filter';
import { createViewStore, fullWindow } from './view-state';

/** A page with a history: its entries, the shown one (`at`), and the popstate listener. */
function historyPage() {
  const history = { entries: ['http://h/'], at: 0, onPop: () => {} };
  const page = {
    href: () => history.entries[history.at],
    replace: (next: string) => void (history.entries[history.at] = next),
    push: (next: string) => void history.entries.splice(++history.at, Infinity, next),
    listen: (listener: () => void) => ((history.onPop = listener), () => {}),
  };
  return { history, page };
}

/** Stores bound to a page with a history, on fake timers (100 ms debounce). */
function boundToHistory() {
  vi.useFakeTimers();
  const app = createAppStore();
  const view = createViewStore();
  const { history, page } = historyPage();
  const stop = bindUrlView(app, view, page, 100);
  return { app, view, history, entries: history.entries, stop };
}

describe('url history', () => {
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
    expect(href).toBe('http://h/?process=abc&t=0,50&span=3&hist=span_3'); // select() showed its name
    stop();
    vi.useRealTimers();
  });

  it('a view change pushes a history entry, a load replaces; Back restores the popped view', () => {
    const { app, view, history, entries, stop } = boundToHistory();
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
    history.at = 1; // Back
    history.onPop();
    vi.advanceTimersByTime(100);
    expect(view.getState().window).toEqual({ startNs: 10, endNs: 30 });
    expect(view.getState().filter).toEqual(EMPTY_FILTER);
    expect(entries).toHaveLength(3); // applying the entry wrote nothing
    history.at = 0;
    history.onPop();
    expect(view.getState().window).toEqual({ startNs: 5, endNs: 50 });
    entries[0] = 'http://h/?process=abc';
    history.onPop(); // an entry without a window: the whole capture
    expect(view.getState().window).toEqual(fullWindow(spans));
    stop();
    vi.useRealTimers();
  });

  it('a picked call path is a view change: pushed, and Back restores the one before', () => {
    const { app, view, history, entries, stop } = boundToHistory();
    app.setState({ processParam: 'abc' });
    const spans = makeSpanTable([{ spanId: 3, parentSpanId: 0, beginNs: 0, endNs: 9 }]);
    view.getState().setSpans(spans, 'p');
    vi.advanceTimersByTime(100);
    const loaded = entries[0]; // process and window
    view.getState().setCallPath({ names: ['span_3'], inverted: false });
    vi.advanceTimersByTime(100);
    view.getState().setCallPath({ names: ['span_3'], inverted: true });
    vi.advanceTimersByTime(100);
    expect(entries).toEqual([loaded, `${loaded}&cpath=span_3`, `${loaded}&ipath=span_3`]);
    history.at = 1; // Back
    history.onPop();
    expect(view.getState().callPath).toEqual({ names: ['span_3'], inverted: false });
    history.at = 0;
    history.onPop();
    expect(view.getState().callPath).toBeNull();
    stop();
    vi.useRealTimers();
  });

  it('a drag (the view marks a gesture) is one history entry, however long it pauses', () => {
    vi.useFakeTimers();
    const app = createAppStore();
    const view = createViewStore();
    const entries = ['http://h/'];
    let at = 0;
    const page = {
      href: () => entries[at],
      replace: (next: string) => void (entries[at] = next),
      push: (next: string) => void entries.splice(++at, entries.length, next),
    };
    const stop = bindUrlView(app, view, page, 100);
    app.setState({ processParam: 'abc' });
    const spans = makeSpanTable([{ spanId: 3, parentSpanId: 0, beginNs: 0, endNs: 1000 }]);
    view.getState().setSpans(spans, 'p');
    vi.advanceTimersByTime(100);
    const loaded = entries[0];
    view.getState().setGesture(true);
    for (let startNs = 10; startNs <= 50; startNs += 10) {
      view.getState().setWindow({ startNs, endNs: startNs + 100 });
      vi.advanceTimersByTime(500); // a pause longer than the debounce
    }
    expect(entries).toEqual([loaded]);
    view.getState().setGesture(false);
    vi.advanceTimersByTime(100);
    expect(entries).toEqual([loaded, 'http://h/?process=abc&t=50,150']);
    view.getState().setGesture(true); // a press without a move: nothing to write
    view.getState().setGesture(false);
    vi.advanceTimersByTime(100);
    expect(entries).toHaveLength(2);
    stop();
    vi.useRealTimers();
  });
});
