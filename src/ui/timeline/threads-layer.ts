// Draws the thread lanes (one per cpu thread: begin events in the upper half, end events in the
// lower half, dense columns merged by count class) and the links that tie a migrated span's begin
// thread to its end thread: always for the selected and hovered spans, and for every migrated span
// in view once few enough events are visible. No React.
import { countClass, eventRuns, lowerBoundTimes, RunList, xPx } from '../../model/lod';
import { isMigrated } from '../../model/span-table';
import {
  lanesTopCss,
  pixelView,
  rowCssOf,
  rowTopCss,
  shownRowOf,
  THREAD_ROW_CSS,
  threadTopCss,
} from './geometry';
import type { ThreadEvents } from '../../model/thread-events';
import { RectBatch } from './rect-batch';
import type { TimelineScene } from './scene-types';

/** Links for all visible migrated spans are drawn when at most this many events are in view. */
export const LINK_ALL_MAX_EVENTS = 400;
const DENSITY_ALPHAS = [1, 0.45, 0.65, 0.9];
/** Opacity of the events of spans a search or brush does not match (as the async lanes). */
export const DIM_ALPHA = 0.2;
/** Which half of a thread lane holds which event, at the right end of the first lane. */
export const THREAD_LEGEND = '▴ begin ▾ end';

const runs = new RunList();
const batch = new RectBatch();

export function drawThreads(ctx: CanvasRenderingContext2D, s: TimelineScene): void {
  const g = s.geometry;
  const widthPx = Math.round(g.widthCss * g.dpr);
  const rowPx = THREAD_ROW_CSS * g.dpr;
  for (let t = 0; t < s.table.threads.length; t++) {
    ctx.fillStyle = t % 2 ? s.theme.panel : s.theme.bg;
    ctx.fillRect(0, Math.round(threadTopCss(t) * g.dpr), widthPx, Math.round(rowPx));
  }
  // a search or brush: every event dimmed, then the matching spans' events on top
  ctx.globalAlpha = s.emphasisEvents ? DIM_ALPHA : 1;
  drawEvents(ctx, s, s.events);
  ctx.globalAlpha = 1;
  if (s.emphasisEvents) drawEvents(ctx, s, s.emphasisEvents);
  // names over the markers (on a plate), so they are always readable
  drawThreadNames(ctx, s);
  drawLegend(ctx, s);
}

/** One frame's markers of `events`, per thread: bounded by pixel columns (eventRuns). */
function drawEvents(ctx: CanvasRenderingContext2D, s: TimelineScene, events: ThreadEvents): void {
  const rowPx = THREAD_ROW_CSS * s.geometry.dpr;
  const palette = s.theme.markerPalette;
  // keys: palette slots for single events, then one key per density class
  const styles = [...palette, ...DENSITY_ALPHAS.map(() => s.theme.muted)];
  const alphas = [...palette.map(() => 1), ...DENSITY_ALPHAS];
  for (let t = 0; t < s.table.threads.length; t++) {
    const topPx = Math.round(threadTopCss(t) * s.geometry.dpr);
    const halfPx = Math.floor(rowPx / 2);
    addEvents(s, events.begins[t], topPx + 1, halfPx - 1);
    addEvents(s, events.ends[t], topPx + halfPx, halfPx - 1);
  }
  batch.flush(ctx, styles, alphas);
}

function addEvents(
  s: TimelineScene,
  list: { timesNs: Float64Array; spans: Int32Array },
  yPx: number,
  heightPx: number,
): void {
  const view = pixelView(s.geometry);
  const paletteSize = s.theme.markerPalette.length;
  const tickPx = Math.max(2, Math.round(s.geometry.dpr * 2));
  eventRuns(list.timesNs, list.spans, view, runs);
  for (let k = 0; k < runs.length; k++) {
    const single = runs.count[k] === 1;
    const key = single
      ? s.colours[s.table.nameIndex[runs.span[k]]]
      : paletteSize + countClass(runs.count[k]);
    const widthPx = runs.x1Px[k] - runs.x0Px[k];
    batch.add(key, runs.x0Px[k], yPx, single ? Math.max(tickPx, widthPx) : widthPx, heightPx);
  }
}

/** Opacity of the plate under a thread name: markers beneath it stay faintly visible. */
const NAME_PLATE_ALPHA = 0.85;
/** A plate under the pointer yields: the markers under it show through. */
export const YIELDED_PLATE_ALPHA = 0.12;

/**
 * Thread names over the markers, each on a plate of its lane's background just as wide as the
 * name at the left edge, so a name stays readable however dense the events. Measures a few short
 * strings per frame: cheap.
 */
function drawThreadNames(ctx: CanvasRenderingContext2D, s: TimelineScene): void {
  const g = s.geometry;
  ctx.font = `${Math.round(11 * g.dpr)}px ${s.theme.fontUi}`;
  ctx.textBaseline = 'middle';
  const padPx = Math.round(4 * g.dpr);
  s.table.threads.forEach((thread, t) => {
    const widthPx = Math.ceil(ctx.measureText(thread.name).width + 2 * padPx);
    const alpha = plate(ctx, s, t, 0, widthPx);
    ctx.globalAlpha = alpha;
    ctx.fillStyle = s.theme.fg;
    ctx.fillText(thread.name, padPx, midYPx(g.dpr, t));
    ctx.globalAlpha = 1;
  });
}

/** The legend, small and muted, on its own plate at the right end of the first thread lane. */
function drawLegend(ctx: CanvasRenderingContext2D, s: TimelineScene): void {
  if (s.table.threads.length === 0) return;
  const g = s.geometry;
  ctx.font = `${Math.round(10 * g.dpr)}px ${s.theme.fontUi}`;
  ctx.textBaseline = 'middle';
  const padPx = Math.round(4 * g.dpr);
  const widthPx = Math.ceil(ctx.measureText(THREAD_LEGEND).width + 2 * padPx);
  const x0Px = Math.round(g.widthCss * g.dpr) - widthPx;
  ctx.globalAlpha = plate(ctx, s, 0, x0Px, widthPx);
  ctx.fillStyle = s.theme.muted;
  ctx.fillText(THREAD_LEGEND, x0Px + padPx, midYPx(g.dpr, 0));
  ctx.globalAlpha = 1;
}

/**
 * A translucent plate of thread lane t's background over [x0Px, x0Px + widthPx); returns the
 * alpha for its text: faint when the pointer is over the plate (it yields to the markers).
 */
function plate(
  ctx: CanvasRenderingContext2D,
  s: TimelineScene,
  t: number,
  x0Px: number,
  widthPx: number,
): number {
  const dpr = s.geometry.dpr;
  const topPx = Math.round(threadTopCss(t) * dpr) + Math.round(dpr);
  const heightPx = Math.round((THREAD_ROW_CSS - 2) * dpr);
  const p = s.pointer;
  const xPx = p ? p.xCss * dpr : -1;
  const yPx = p ? p.yCss * dpr : -1;
  const under = p !== null && xPx >= x0Px && xPx < x0Px + widthPx && yPx >= topPx - dpr;
  const yields = under && yPx < topPx + heightPx + dpr;
  ctx.globalAlpha = yields ? YIELDED_PLATE_ALPHA : NAME_PLATE_ALPHA;
  ctx.fillStyle = t % 2 ? s.theme.panel : s.theme.bg;
  ctx.fillRect(x0Px, topPx, widthPx, heightPx);
  ctx.globalAlpha = 1;
  return yields ? YIELDED_PLATE_ALPHA : 1;
}

function midYPx(dpr: number, thread: number): number {
  return Math.round(threadTopCss(thread) * dpr) + Math.round((THREAD_ROW_CSS / 2) * dpr);
}

/** Spans with a begin or end event in view, when there are few enough of them; else null. */
export function spansWithEventsInView(s: TimelineScene, maxEvents: number): Set<number> | null {
  const g = s.geometry;
  const out = new Set<number>();
  let seen = 0;
  for (const list of [...s.events.begins, ...s.events.ends]) {
    const from = lowerBoundTimes(list.timesNs, 0, g.startNs);
    const to = lowerBoundTimes(list.timesNs, from, g.endNs);
    seen += to - from;
    if (seen > maxEvents) return null;
    for (let k = from; k < to; k++) out.add(list.spans[k]);
  }
  return out;
}

/** Links between begin and end threads of migrated spans, and guides to the selected span. */
export function drawLinks(ctx: CanvasRenderingContext2D, s: TimelineScene): void {
  const all = spansWithEventsInView(s, LINK_ALL_MAX_EVENTS);
  ctx.save();
  if (all) {
    ctx.globalAlpha = 0.35;
    for (const span of all) if (isMigrated(s.table, span)) link(ctx, s, span, s.theme.muted, 1);
  }
  ctx.globalAlpha = 1;
  if (s.hovered >= 0 && s.hovered !== s.selected) link(ctx, s, s.hovered, s.theme.fg, 1.5);
  if (s.selected >= 0) {
    guides(ctx, s, s.selected);
    link(ctx, s, s.selected, s.theme.accent, 2);
  }
  ctx.restore();
}

function eventPoint(s: TimelineScene, span: number, end: boolean): [number, number] | null {
  const thread = end ? s.table.endThread[span] : s.table.beginThread[span];
  if (thread < 0) return null;
  const g = s.geometry;
  const x = xPx(pixelView(g), end ? s.table.endNs[span] : s.table.beginNs[span]);
  const y = (threadTopCss(thread) + THREAD_ROW_CSS * (end ? 0.75 : 0.25)) * g.dpr;
  return [x, y];
}

function link(
  ctx: CanvasRenderingContext2D,
  s: TimelineScene,
  span: number,
  colour: string,
  widthCss: number,
) {
  const b = eventPoint(s, span, false);
  const e = eventPoint(s, span, true);
  const dpr = s.geometry.dpr;
  ctx.strokeStyle = colour;
  ctx.fillStyle = colour;
  ctx.lineWidth = widthCss * dpr;
  if (b && e && isMigrated(s.table, span)) {
    ctx.beginPath();
    ctx.moveTo(b[0], b[1]);
    ctx.bezierCurveTo((b[0] + e[0]) / 2, b[1], (b[0] + e[0]) / 2, e[1], e[0], e[1]);
    ctx.stroke();
  }
  for (const p of [b, e]) {
    if (!p) continue;
    ctx.beginPath();
    ctx.arc(p[0], p[1], (widthCss + 1.5) * dpr, 0, 2 * Math.PI);
    ctx.fill();
  }
}

/** Dashed verticals from the selected span's bar up to its begin and end events. */
function guides(ctx: CanvasRenderingContext2D, s: TimelineScene, span: number): void {
  const g = s.geometry;
  const row = s.layout.row[span];
  if (row < 0 || shownRowOf(g, row) < 0) return;
  const barYPx = Math.max(lanesTopCss(g), rowTopCss(g, row) + rowCssOf(g) / 2) * g.dpr;
  ctx.strokeStyle = s.theme.accent;
  ctx.lineWidth = g.dpr;
  ctx.setLineDash([3 * g.dpr, 3 * g.dpr]);
  for (const end of [false, true]) {
    const p = eventPoint(s, span, end);
    if (!p) continue;
    ctx.beginPath();
    ctx.moveTo(p[0], p[1]);
    ctx.lineTo(p[0], barYPx);
    ctx.stroke();
  }
  ctx.setLineDash([]);
}
