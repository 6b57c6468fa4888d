import { describe, expect, it } from 'vitest';
import { makeSpanTable } from '../model/testing';
import { createViewStore, fullWindow, histogramNameIndex } from './view-state';

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
    view.getState().setHistogramName('b');
    const after = table([0, 1, 2], ['c', 'a', 'b']);
    view.getState().updateSpans(after);
    const s = view.getState();
    expect(s.window).toEqual({ startNs: 3, endNs: 7 });
    expect(after.spanId[s.selected]).toBe(2n);
    expect(s.histogramName).toBe('b');
    expect(after.names[histogramNameIndex(after, s.histogramName)]).toBe('b');
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

describe('process switch', () => {
  it('keeps the histogram name, not its index in the other dictionary', () => {
    const view = createViewStore();
    const first = table([1, 2, 3], ['load_user', 'fetch_rows', 'roundtrip']);
    view.getState().setSpans(first, 'p1');
    view.getState().setHistogramName('fetch_rows');
    const second = table([1, 2, 3], ['roundtrip', 'main_loop', 'fetch_rows']);
    view.getState().setSpans(second, 'p2');
    const s = view.getState();
    expect(s.histogramName).toBe('fetch_rows');
    expect(second.names[histogramNameIndex(second, s.histogramName)]).toBe('fetch_rows');
    // a process without that name: the name stays, and no span matches it
    const third = table([1], ['main_loop']);
    view.getState().setSpans(third, 'p3');
    expect(view.getState().histogramName).toBe('fetch_rows');
    expect(histogramNameIndex(third, 'fetch_rows')).toBe(third.names.length);
    expect(histogramNameIndex(third, null)).toBe(-1);
  });
});

describe('the histogram follows the selected span', () => {
  it('shows the name of the span the user selects, unless off or brushed; a restore keeps it', () => {
    const view = createViewStore();
    const spans = table([1, 2, 3], ['a', 'b', 'c']);
    view.getState().setSpans(spans, 'p');
    view.getState().select(1);
    expect(view.getState().histogramName).toBe('b');
    view.getState().setBrush({ minNs: 1, maxNs: 9 });
    view.getState().select(0);
    expect(view.getState()).toMatchObject({ histogramName: 'b', selected: 0 });
    view.getState().setBrush(null);
    view.getState().setHistogramFollow(false);
    view.getState().select(2);
    expect(view.getState().histogramName).toBe('b');
    view.getState().setHistogramFollow(true); // turning it on shows the selected span's name
    expect(view.getState().histogramName).toBe('c');
    view.setState({ selected: 0, histogramName: 'b' }); // a link's view: not a user's selection
    expect(view.getState().histogramName).toBe('b');
  });
});

describe('collapsed spans', () => {
  it('a root is flipped away from every group’s state, an inner span when collapsed', () => {
    const view = createViewStore();
    const flipped = () => [...view.getState().groupsFlipped].sort();
    const root = { spanId: 1n, root: true };
    const inner = { spanId: 2n, root: false };
    view.getState().setGroupCollapsed([root, inner], true);
    expect(flipped()).toEqual([1n, 2n]);
    const before = view.getState().groupsFlipped;
    view.getState().setGroupCollapsed([inner, inner], true); // already: no change
    expect(view.getState().groupsFlipped).toBe(before);
    view.getState().setGroupsCollapsed(true); // every root collapsed, inner spans expanded
    expect(flipped()).toEqual([]);
    view.getState().setGroupCollapsed([root, inner, inner], true);
    expect(flipped()).toEqual([2n]); // the root already was
    view.getState().setGroupCollapsed([root, inner], false);
    expect(flipped()).toEqual([1n]);
  });
});
