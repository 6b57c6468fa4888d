import { describe, expect, test } from 'vitest';
import { SPAN_OPEN, type SpanTable } from '../../model/span-table';
import { loadSpanTable, makeSpanTable, type SpanSpec } from '../../model/testing';
import { recordingContext } from '../chart/testing';
import { lanesTopCss, ROW_CSS, BAR_INSET_CSS } from './geometry';
import { hitTest, spanCenterCss } from './hit-test';
import { fitText } from './lanes-layer';
import { FALLBACK_THEME } from './theme';
import { drawTimeline } from './timeline-scene';
import { sceneFor } from './testing';
import { DIM_ALPHA, THREAD_LEGEND } from './threads-layer';
import { tooltipLines } from './tooltip-text';

/** `rows` concurrent chains of `perRow` back-to-back tiny spans each (one lane row per chain). */
function denseTable(rows: number, perRow: number): SpanTable {
  const specs: SpanSpec[] = [];
  let id = 1;
  for (let r = 0; r < rows; r++) {
    const root = id++;
    specs.push({
      spanId: root,
      parentSpanId: 0,
      beginNs: r,
      endNs: perRow * 10 + 5 + r,
      name: `root`,
    });
    for (let k = 0; k < perRow; k++) {
      const b = r + 1 + k * 10;
      specs.push({
        spanId: id++,
        parentSpanId: root,
        beginNs: b,
        endNs: b + 4,
        name: `leaf_${k % 5}`,
        beginThread: k % 2,
        endThread: (k + 1) % 2,
      });
    }
  }
  return makeSpanTable(specs);
}

describe('drawTimeline', () => {
  test('fillRect calls are bounded by visible rows × pixel columns, not by span count', () => {
    const counts: number[] = [];
    for (const perRow of [1_000, 50_000]) {
      const table = denseTable(8, perRow);
      const scene = sceneFor(table, { widthCss: 400, heightCss: 900 });
      const rec = recordingContext();
      drawTimeline(rec.ctx, scene);
      const fills = rec.calls('fillRect').length;
      counts.push(fills);
      const rows = scene.layout.rowCount + table.threads.length * 2;
      expect(fills).toBeLessThanOrEqual(rows * 400 * 2 + 100);
    }
    // 50× more spans, about the same drawing
    expect(counts[1]).toBeLessThan(counts[0] * 2);
    expect(counts[1]).toBeLessThan(2000);
  });

  test('zoomed in, each visible span is its own bar with its name colour and label', () => {
    const table = denseTable(2, 100);
    const scene = sceneFor(table, { startNs: 0, endNs: 50 });
    const rec = recordingContext();
    drawTimeline(rec.ctx, scene);
    const texts = rec.calls('fillText').map((c) => c.args[0]);
    expect(texts).toContain('root');
    expect(texts.some((t) => String(t).startsWith('leaf_'))).toBe(true);
    const palette = new Set(FALLBACK_THEME.palette);
    expect(
      rec.calls('fillRect').filter((c) => palette.has(String(c.fillStyle))).length,
    ).toBeGreaterThan(10);
  });

  test('the selected span gets an accent outline around its bar; hovered a plain one', () => {
    const table = denseTable(2, 10);
    const selected = 3;
    const hovered = 5;
    const scene = sceneFor(table, {}, { selected, hovered });
    const rec = recordingContext();
    drawTimeline(rec.ctx, scene);
    const outlines = rec.calls('strokeRect');
    const accent = outlines.filter((c) => c.strokeStyle === FALLBACK_THEME.accent);
    expect(accent).toHaveLength(1);
    const [, y, , h] = accent[0].args as number[];
    const top = lanesTopCss(scene.geometry) + scene.layout.row[selected] * ROW_CSS + BAR_INSET_CSS;
    expect(y).toBeCloseTo(top - 1);
    expect(h).toBeCloseTo(ROW_CSS - 2 * BAR_INSET_CSS + 2);
    expect(outlines.filter((c) => c.strokeStyle === FALLBACK_THEME.fg)).toHaveLength(1);
  });

  test('the critical path of the selection is outlined, one box per link', () => {
    const table = denseTable(2, 10);
    const critical = [4, 6];
    const scene = sceneFor(table, {}, { selected: 3, critical });
    const rec = recordingContext();
    drawTimeline(rec.ctx, scene);
    const boxes = rec.calls('strokeRect').filter((c) => c.strokeStyle === FALLBACK_THEME.fg);
    expect(boxes).toHaveLength(critical.length);
    const tops = critical.map(
      (span) => lanesTopCss(scene.geometry) + scene.layout.row[span] * ROW_CSS + BAR_INSET_CSS - 1,
    );
    boxes.forEach((box, k) => expect((box.args as number[])[1]).toBeCloseTo(tops[k]));
  });

  test('a migrated selected span is linked from its begin thread to its end thread', () => {
    const table = denseTable(1, 4);
    const span = 2; // leaf_1: begins on thread 1, ends on thread 0
    expect(table.beginThread[span]).not.toBe(table.endThread[span]);
    const rec = recordingContext();
    drawTimeline(rec.ctx, sceneFor(table, {}, { selected: span }));
    const curves = rec
      .calls('bezierCurveTo')
      .filter((c) => c.strokeStyle === FALLBACK_THEME.accent);
    expect(curves).toHaveLength(1);
  });

  test('a search dims everything and redraws the matches at full strength', () => {
    const table = denseTable(2, 20);
    const emphasis = Uint8Array.from({ length: table.length }, (_, i) =>
      table.names[table.nameIndex[i]] === 'leaf_2' ? 1 : 0,
    );
    const rec = recordingContext();
    drawTimeline(rec.ctx, sceneFor(table, {}, { emphasis }));
    const bars = rec
      .calls('fillRect')
      .filter((c) => FALLBACK_THEME.palette.includes(String(c.fillStyle)));
    expect(bars.some((c) => c.globalAlpha < 0.5)).toBe(true);
    const strong = bars.filter(
      (c) =>
        c.globalAlpha === 1 &&
        c.args[1] !== undefined &&
        (c.args[1] as number) >= lanesTopCss(sceneFor(table).geometry),
    );
    expect(strong.length).toBe(8); // 20 leaves per row, every 5th is leaf_2, 2 rows
  });

  test('open spans get a marker at the capture end', () => {
    const table = makeSpanTable([
      { spanId: 1, parentSpanId: 0, beginNs: 0, endNs: 1000, state: SPAN_OPEN },
      { spanId: 2, parentSpanId: 0, beginNs: 100, endNs: 200 },
    ]);
    const rec = recordingContext();
    drawTimeline(rec.ctx, sceneFor(table, { startNs: -100, endNs: 1200 }));
    expect(rec.calls('closePath').length).toBeGreaterThanOrEqual(2); // zigzag and arrow
  });

  test('the real unclosed capture draws, and the draw is bounded', () => {
    const table = loadSpanTable('unclosed');
    const rec = recordingContext();
    drawTimeline(rec.ctx, sceneFor(table, { widthCss: 1200, heightCss: 800 }));
    expect(rec.calls('fillRect').length).toBeGreaterThan(100);
    expect(rec.calls('fillRect').length).toBeLessThan(20_000);
  });
});

describe('hit test', () => {
  test('finds the bar under the pointer and the span centre round-trips', () => {
    const table = denseTable(3, 50);
    const scene = sceneFor(table, { startNs: 0, endNs: 200 });
    let found = 0;
    for (let i = 0; i < table.length; i++) {
      const c = spanCenterCss(scene, i);
      if (!c) continue;
      found++;
      expect(hitTest(scene, c.xCss, c.yCss)).toEqual({ span: i, part: 'bar' });
    }
    expect(found).toBeGreaterThan(20);
    expect(hitTest(scene, 10, 5)).toBeNull(); // the axis
  });

  test('thread lanes: begin markers in the upper half, end markers in the lower half', () => {
    const table = denseTable(1, 3);
    const scene = sceneFor(table, { startNs: 0, endNs: 40, widthCss: 400 });
    const span = 1; // leaf_0 begins at 1 on thread 0, ends at 5 on thread 1
    const xBegin = (table.beginNs[span] / 40) * 400;
    const xEnd = (table.endNs[span] / 40) * 400;
    expect(hitTest(scene, xBegin, 36 + 4)).toEqual({ span, part: 'begin' });
    expect(hitTest(scene, xEnd, 36 + 18 + 14)).toEqual({ span, part: 'end' });
  });

  test('thread names are drawn over the markers, each on a translucent plate at the left edge', () => {
    const table = denseTable(1, 3);
    // markers right at the left edge, under the names
    const scene = sceneFor(table, { startNs: 0, endNs: 400, widthCss: 400 });
    const rec = recordingContext();
    drawTimeline(rec.ctx, scene);
    const markers = new Set(FALLBACK_THEME.markerPalette);
    const lastMarker = Math.max(
      ...rec
        .calls('fillRect')
        .filter((c) => markers.has(c.fillStyle as string))
        .map((c) => c.at),
    );
    expect(lastMarker).toBeGreaterThan(0);
    const texts = rec.calls('fillText');
    const plates = rec.calls('fillRect').filter((c) => c.args[0] === 0 && c.globalAlpha < 1);
    table.threads.forEach((thread, t) => {
      const name = texts.find((c) => c.args[0] === thread.name)!;
      expect(name.at).toBeGreaterThan(lastMarker);
      expect(name.fillStyle).toBe(FALLBACK_THEME.fg);
      const [, yPx, widthPx, heightPx] = plates[t].args as number[];
      expect(plates[t].at).toBeGreaterThan(lastMarker);
      expect(plates[t].at).toBeLessThan(name.at);
      expect([FALLBACK_THEME.bg, FALLBACK_THEME.panel]).toContain(plates[t].fillStyle);
      expect(yPx).toBeGreaterThanOrEqual(36 + t * 18);
      expect(yPx + heightPx).toBeLessThanOrEqual(36 + (t + 1) * 18);
      expect(widthPx).toBeGreaterThan(thread.name.length * 6); // measureText fake: 6 px a char
      expect(widthPx).toBeLessThanOrEqual(thread.name.length * 6 + 8); // the name and its padding
    });
  });

  test('the thread legend is short, on its own small plate at the right end of the first lane', () => {
    const table = denseTable(1, 3);
    const scene = sceneFor(table, { widthCss: 400 });
    const rec = recordingContext();
    drawTimeline(rec.ctx, scene);
    const legend = rec.calls('fillText').filter((c) => c.args[0] === THREAD_LEGEND);
    expect(legend).toHaveLength(1);
    expect(legend[0].fillStyle).toBe(FALLBACK_THEME.muted);
    const widthPx = THREAD_LEGEND.length * 6 + 8;
    const plate = rec
      .calls('fillRect')
      .filter((c) => c.args[0] === 400 - widthPx && c.globalAlpha < 1);
    expect(plate).toHaveLength(1);
    expect(plate[0].args[2]).toBe(widthPx);
    expect(plate[0].args[1] as number).toBeGreaterThanOrEqual(36);
    expect((plate[0].args[1] as number) + (plate[0].args[3] as number)).toBeLessThanOrEqual(
      36 + 18,
    );
    expect(legend[0].args[1]).toBe(400 - widthPx + 4);
    expect(plate[0].at).toBeLessThan(legend[0].at);
  });

  test('with a search, thread events of non-matching spans are dimmed, matching ones full', () => {
    const table = denseTable(1, 10);
    const isMatch = (i: number) => table.names[table.nameIndex[i]] === 'leaf_2';
    const emphasis = Uint8Array.from({ length: table.length }, (_, i) => (isMatch(i) ? 1 : 0));
    // 16 px per ns: every event is a single marker in its own columns
    const scene = sceneFor(table, { startNs: 0, endNs: 50, widthCss: 800 }, { emphasis });
    const rec = recordingContext();
    drawTimeline(rec.ctx, scene);
    const markerPalette = new Set(FALLBACK_THEME.markerPalette);
    const markers = rec.calls('fillRect').filter((c) => markerPalette.has(String(c.fillStyle)));
    let matched = 0;
    let dimmed = 0;
    for (let i = 0; i < table.length; i++) {
      if (table.names[table.nameIndex[i]] === 'root') continue;
      for (const end of [false, true]) {
        const xPx = ((end ? table.endNs[i] : table.beginNs[i]) / 50) * 800;
        if (xPx >= 800) continue;
        const thread = end ? table.endThread[i] : table.beginThread[i];
        const yPx = 36 + thread * 18 + (end ? 9 : 1);
        const drawn = markers.filter((c) => c.args[0] === Math.floor(xPx) && c.args[1] === yPx);
        expect(drawn.length).toBeGreaterThan(0);
        const colour = FALLBACK_THEME.markerPalette[scene.colours[table.nameIndex[i]]];
        expect(drawn.every((c) => c.fillStyle === colour)).toBe(true);
        if (isMatch(i)) {
          matched++;
          expect(drawn.some((c) => c.globalAlpha === 1)).toBe(true);
          // the full-strength marker is on top of the dimmed one
          const strong = drawn.find((c) => c.globalAlpha === 1)!;
          expect(drawn.every((c) => c.globalAlpha === 1 || c.at < strong.at)).toBe(true);
        } else {
          dimmed++;
          expect(drawn.every((c) => c.globalAlpha === DIM_ALPHA)).toBe(true);
        }
      }
    }
    expect(matched).toBeGreaterThanOrEqual(2);
    expect(dimmed).toBeGreaterThanOrEqual(8);
  });

  test('without a search every thread event is drawn at full strength', () => {
    const table = denseTable(1, 10);
    const rec = recordingContext();
    drawTimeline(rec.ctx, sceneFor(table, { startNs: 0, endNs: 50, widthCss: 800 }));
    const markerPalette = new Set(FALLBACK_THEME.markerPalette);
    const markers = rec.calls('fillRect').filter((c) => markerPalette.has(String(c.fillStyle)));
    expect(markers.length).toBeGreaterThan(8);
    expect(markers.every((c) => c.globalAlpha === 1)).toBe(true);
  });
});

describe('text', () => {
  test('labels are cut with an ellipsis', () => {
    expect(fitText('app::handler', 20)).toBe('app::handler');
    expect(fitText('app::handler', 8)).toBe('handler');
    expect(fitText('app::handler', 6)).toBe('handl…');
    expect(fitText('SELECT users', 6)).toBe('SELEC…');
    expect(fitText('app::handler', 2)).toBe('');
  });

  test('tooltip lines name the threads, state and location', () => {
    const table = loadSpanTable('unclosed');
    const open = table.state.indexOf(SPAN_OPEN);
    const lines = tooltipLines(table, open);
    expect(lines[0]).toBe(table.names[table.nameIndex[open]]);
    expect(lines[1]).toMatch(/^≥ .* · open/);
    expect(lines[2]).toMatch(/→ not captured/);
    expect(lines[3]).toMatch(/\.rs:\d+$/);
  });
});
