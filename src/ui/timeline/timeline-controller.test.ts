import { describe, expect, test } from 'vitest';
import { layoutLanes } from '../../model/lanes';
import { emphasisMask, maskedList, maskedRows, nameMatches } from '../../model/search';
import type { SpanTable } from '../../model/span-table';
import { makeSpanTable, type SpanSpec } from '../../model/testing';
import { threadEvents } from '../../model/thread-events';
import { createViewStore } from '../../store/view-state';
import { COMPACT_ROW_CSS, lanesHeightCss, lanesTopCss, ROW_CSS, visibleRows } from './geometry';
import { spanCenterClient } from './bench-hooks';
import { hitTest } from './hit-test';
import { TimelineController } from './timeline-controller';
import { handleGlobalKey, handleKey, handleWheel, isTextEntry } from './timeline-input';
import { nameColours } from './theme';
import { recordingContext } from '../chart/testing';
import type { TimelineData } from './use-timeline-data';

/** 60 roots, each overlapping the next, so the lanes need 60 rows. */
function tallTable(): SpanTable {
  const specs: SpanSpec[] = [];
  for (let k = 0; k < 60; k++) {
    specs.push({
      spanId: k + 1,
      parentSpanId: 0,
      beginNs: k * 1000,
      endNs: 100_000 + k * 1000,
      name: k % 10 === 0 ? 'needle' : 'hay',
    });
  }
  return makeSpanTable(specs);
}

function dataFor(table: SpanTable, search = ''): TimelineData {
  const layout = layoutLanes(table);
  const mask = emphasisMask(table, nameMatches(table.names, search), null, -1);
  return {
    table,
    include: null,
    layout,
    events: threadEvents(table),
    colours: nameColours(table),
    emphasis: mask && maskedRows(layout.rowStart, layout.rowSpans, mask),
    emphasisEvents: mask && threadEvents(table, mask),
    matches: mask ? maskedList(mask) : new Int32Array(0),
  };
}

function setup(search = '') {
  const table = tallTable();
  const store = createViewStore();
  store.getState().setSpans(table, 'p');
  let draws = 0;
  const shown: string[][] = [];
  const tooltip = { visible: false };
  const controller = new TimelineController(
    store,
    () => draws++,
    {
      show: (lines) => {
        shown.push(lines);
        tooltip.visible = true;
      },
      hide: () => (tooltip.visible = false),
    },
    () => null,
  );
  controller.size = { widthCss: 1000, heightCss: 400, dpr: 1 };
  controller.setData(dataFor(table, search));
  return { table, store, controller, shown, tooltip, draws: () => draws };
}

const wheel = (init: Partial<WheelEvent>) =>
  ({
    deltaX: 0,
    deltaY: 0,
    deltaMode: 0,
    shiftKey: false,
    altKey: false,
    ctrlKey: false,
    metaKey: false,
    ...init,
  }) as WheelEvent;
const key = (k: string, shiftKey = false) =>
  ({ key: k, shiftKey, ctrlKey: false, metaKey: false, altKey: false }) as KeyboardEvent;

describe('TimelineController', () => {
  test('revealing a span outside the window pans to it and scrolls its row into view', () => {
    const { store, controller, table } = setup();
    store.getState().setWindow({ startNs: 0, endNs: 500 });
    const last = table.length - 1;
    controller.reveal(last);
    const w = store.getState().window;
    expect(w.endNs >= table.beginNs[last] && w.startNs <= table.endNs[last]).toBe(true);
    const c = spanCenterClient(controller, last, {
      getBoundingClientRect: () => ({ left: 0, top: 0 }),
    } as HTMLCanvasElement);
    expect(c).not.toBeNull();
    expect(c!.y).toBeGreaterThan(lanesTopCss(controller.geometry()));
    expect(controller.scrollTopCss).toBeGreaterThan(0);
  });

  test('a span selected elsewhere is revealed; one restored with its window keeps the window', () => {
    const { store, controller, table } = setup();
    const stop = controller.connect();
    const last = table.length - 1;
    const away = { startNs: 0, endNs: 500 }; // the last span is outside it
    store.getState().setWindow(away);
    store.getState().select(last);
    const w = store.getState().window;
    expect(w.endNs >= table.beginNs[last] && w.startNs <= table.endNs[last]).toBe(true);
    store.setState({ selected: last - 1, window: { ...away } }); // a link's view
    expect(store.getState().window).toEqual(away);
    stop();
  });

  test('n / N and Enter step through search matches in begin order, wrapping', () => {
    const { store, controller } = setup('needle');
    expect(handleKey(controller, key('n'))).toBe(true);
    const first = store.getState().selected;
    controller.step(1);
    expect(store.getState().selected).toBeGreaterThan(first);
    handleKey(controller, key('N', true));
    expect(store.getState().selected).toBe(first);
    handleKey(controller, key('N', true));
    expect(store.getState().selected).toBe(50); // wrapped to the last needle (every 10th span)
  });

  test('wheel zooms around the pointer; Shift+wheel scrolls; sideways pans', () => {
    const { store, controller } = setup();
    const before = store.getState().window;
    handleWheel(controller, wheel({ deltaY: -100 }), { xCss: 250, yCss: 200 });
    const after = store.getState().window;
    expect(after.endNs - after.startNs).toBeLessThan(before.endNs - before.startNs);
    const anchor = (x: { startNs: number; endNs: number }) =>
      x.startNs + 0.25 * (x.endNs - x.startNs);
    expect(anchor(after)).toBeCloseTo(anchor(before), 3);
    handleWheel(controller, wheel({ deltaY: 3, deltaMode: 1, shiftKey: true }), {
      xCss: 250,
      yCss: 200,
    });
    expect(controller.scrollTopCss).toBe(48);
    handleWheel(controller, wheel({ deltaX: 100 }), { xCss: 250, yCss: 200 });
    expect(store.getState().window.startNs).toBeGreaterThan(after.startNs);
  });

  test('W/S/A/D, arrows and F', () => {
    const { store, controller, table } = setup();
    const width = () => store.getState().window.endNs - store.getState().window.startNs;
    const w0 = width();
    handleKey(controller, key('w'));
    expect(width()).toBeLessThan(w0);
    handleKey(controller, key('s'));
    expect(width()).toBeCloseTo(w0);
    const start = store.getState().window.startNs;
    handleKey(controller, key('a'));
    expect(store.getState().window.startNs).toBeLessThan(start);
    handleKey(controller, key('ArrowDown'));
    expect(controller.scrollTopCss).toBe(ROW_CSS);
    handleKey(controller, key('End'));
    expect(controller.scrollTopCss).toBeGreaterThan(ROW_CSS);
    store.getState().select(5);
    handleKey(controller, key('f'));
    const w = store.getState().window;
    expect(w.startNs).toBeLessThan(table.beginNs[5]);
    expect(w.endNs).toBeGreaterThan(table.endNs[5]);
    expect(w.endNs - w.startNs).toBeLessThan((table.endNs[5] - table.beginNs[5]) * 1.5);
    expect(handleKey(controller, key('x'))).toBe(false);
  });

  test('C toggles compact rows: more rows on screen, the same row on top, hits follow', () => {
    const { store, controller } = setup();
    const disconnect = controller.connect();
    controller.size = { widthCss: 1000, heightCss: 150, dpr: 1 };
    const rowsOnScreen = () => {
      const [first, last] = visibleRows(controller.geometry());
      return { first, count: last - first };
    };
    handleKey(controller, key('End'));
    handleKey(controller, key('Home'));
    controller.scrollBy(ROW_CSS * 3); // row 3 on top
    const normal = rowsOnScreen();
    expect(normal.first).toBe(3);
    expect(handleKey(controller, key('c'))).toBe(true);
    expect(store.getState().compactRows).toBe(true);
    const compact = rowsOnScreen();
    expect(compact.first).toBe(3);
    expect(controller.scrollTopCss).toBe(COMPACT_ROW_CSS * 3);
    // the lanes area holds 4.5× the rows (both counts round up a partly shown last row)
    const lanesCss = lanesHeightCss(controller.geometry());
    expect(normal.count).toBe(Math.ceil(lanesCss / ROW_CSS));
    expect(compact.count).toBe(Math.ceil(lanesCss / COMPACT_ROW_CSS));
    // the pointer finds the span of the row it is over, at the compact height
    const g = controller.geometry();
    const yCss = lanesTopCss(g) + COMPACT_ROW_CSS * 10 + COMPACT_ROW_CSS / 2 - g.scrollTopCss;
    const hit = hitTest(controller.scene()!, 500, yCss);
    expect(hit && controller.data!.layout.row[hit.span]).toBe(10);
    handleKey(controller, key('c'));
    expect(store.getState().compactRows).toBe(false);
    expect(rowsOnScreen().first).toBe(3);
    disconnect();
  });

  test('hover shows a tooltip and sets the hovered span; click selects; drag pans', () => {
    const { store, controller, shown, table } = setup();
    const c = spanCenterClient(controller, 0, {
      getBoundingClientRect: () => ({ left: 0, top: 0 }),
    } as HTMLCanvasElement)!;
    controller.hover({ xCss: c.x, yCss: c.y });
    expect(store.getState().hovered).toBe(0);
    expect(shown.at(-1)![0]).toBe(table.names[table.nameIndex[0]]);
    controller.click({ xCss: c.x, yCss: c.y });
    expect(store.getState().selected).toBe(0);
    controller.click({ xCss: c.x, yCss: 5 }); // the axis: focus only, the selection stays
    expect(store.getState().selected).toBe(0);
    const start = store.getState().window.startNs;
    controller.drag('start', 0, 0, { xCss: 500, yCss: 300 });
    controller.drag('move', 100, 0, { xCss: 600, yCss: 300 });
    expect(store.getState().window.startNs).toBeLessThan(start);
  });

  test('when the lanes move under a still pointer, hover and tooltip follow what is under it', () => {
    const { store, controller, shown, tooltip, table } = setup();
    controller.connect();
    const c = spanCenterClient(controller, 0, {
      getBoundingClientRect: () => ({ left: 0, top: 0 }),
    } as HTMLCanvasElement)!;
    const point = { xCss: c.x, yCss: c.y };
    controller.hover(point);
    const underPointer = () => hitTest(controller.scene()!, point.xCss, point.yCss)?.span ?? -1;
    const seen = new Set<number>([store.getState().hovered]);
    const moves = [
      () => handleKey(controller, key('ArrowDown')), // scroll one row
      () => store.getState().select(30),
      () => handleKey(controller, key('f')), // frame span 30, its row scrolled into view
      () => handleKey(controller, key('d')),
      () => controller.frameSelection(),
    ];
    for (const move of moves) {
      move();
      const span = underPointer();
      expect(store.getState().hovered).toBe(span);
      expect(tooltip.visible).toBe(span >= 0);
      if (span >= 0) expect(shown.at(-1)![0]).toBe(table.names[table.nameIndex[span]]);
      seen.add(span);
    }
    expect(seen.size).toBeGreaterThan(2); // the moves did put other spans under the pointer
    // a window with nothing under the pointer: no hover, no tooltip
    store.getState().setWindow({ startNs: 1e9, endNs: 2e9 });
    expect(store.getState().hovered).toBe(-1);
    expect(tooltip.visible).toBe(false);
  });

  test('outside the timeline: W/A/S/D and F move it, / and Ctrl+F focus the search', () => {
    const { store, controller } = setup();
    let searches = 0;
    const focusSearch = () => searches++;
    const inTree = { tagName: 'DIV' };
    const typing = { tagName: 'INPUT' };
    const on = (k: string, target: object, ctrlKey = false) =>
      handleGlobalKey(
        controller,
        { ...key(k), ctrlKey, target } as unknown as KeyboardEvent,
        focusSearch,
      );
    const width = () => store.getState().window.endNs - store.getState().window.startNs;
    const w0 = width();
    expect(on('w', inTree)).toBe(true);
    expect(width()).toBeLessThan(w0);
    const start = store.getState().window.startNs;
    expect(on('d', inTree)).toBe(true);
    expect(store.getState().window.startNs).toBeGreaterThan(start);
    expect(on('w', typing)).toBe(false); // typing "w" in a text field types it
    expect(on('n', inTree)).toBe(false); // only the moving keys
    expect(on('/', inTree)).toBe(true);
    expect(on('/', typing)).toBe(false);
    expect(on('f', typing, true)).toBe(true);
    expect(searches).toBe(2);
    expect(isTextEntry({ tagName: 'TEXTAREA' } as unknown as EventTarget)).toBe(true);
    expect(isTextEntry(null)).toBe(false);
  });

  test('a frame tells the view store which table it drew (what a load waits for), and when', () => {
    const { store, controller, table } = setup();
    expect(store.getState().drawn).toBeNull();
    const beforeMs = performance.now();
    controller.draw(recordingContext().ctx, controller.size);
    expect(store.getState().drawn).toBe(table);
    expect(controller.stats.frames).toBe(1);
    expect(controller.stats.lastFrameAtMs).toBeGreaterThanOrEqual(beforeMs); // when it was drawn
    const next = tallTable();
    controller.setData(null);
    controller.draw(recordingContext().ctx, controller.size); // nothing to draw: still the last
    expect(store.getState().drawn).toBe(table);
    controller.setData(dataFor(next));
    controller.draw(recordingContext().ctx, controller.size);
    expect(store.getState().drawn).toBe(next);
  });
});
