import { describe, expect, it } from 'vitest';
import { makeSpanTable } from '../model/testing';
import { createViewStore, fullWindow } from './view-state';

const table = (ids: number[], names: string[]) =>
  makeSpanTable(
    ids.map((id, i) => ({
      spanId: id,
      parentSpanId: 0,
      beginNs: id * 10,
      endNs: id * 10 + 5,
      name: names[i],
    })),
  );

describe('updateSpans (live view)', () => {
  it('keeps a zoomed window, the selected span and the histogram name', () => {
    const view = createViewStore();
    const before = table([1, 2], ['a', 'b']);
    view.getState().setSpans(before, 'p');
    view.getState().setWindow({ startNs: 3, endNs: 7 });
    view.getState().select(1);
    view.getState().setHistogramName(1);
    const after = table([0, 1, 2], ['c', 'a', 'b']);
    view.getState().updateSpans(after);
    const s = view.getState();
    expect(s.window).toEqual({ startNs: 3, endNs: 7 });
    expect(after.spanId[s.selected]).toBe(2n);
    expect(after.names[s.histogramName]).toBe('b');
    expect(s.processId).toBe('p');
  });

  it('follows the capture when the whole capture was shown', () => {
    const view = createViewStore();
    view.getState().setSpans(table([1], ['a']), 'p');
    const after = table([1, 5], ['a', 'a']);
    view.getState().updateSpans(after);
    expect(view.getState().window).toEqual(fullWindow(after));
    expect(view.getState().selected).toBe(-1);
  });
});
