// Draws the async lanes: per visible row, the level-of-detail runs of its spans (batched by
// colour), names on bars wide enough, open / orphan-end markers, and outlines for the hovered and
// selected spans and the selected span's critical path. A search or brush dims everything and
// redraws the matches on top. No React.
import { isDrawn } from '../../model/lane-groups';
import { rowRuns, RunList, xPx } from '../../model/lod';
import { SPAN_OPEN, SPAN_ORPHAN_END } from '../../model/span-table';
import {
  barCss,
  layoutRowAt,
  lanesHeightCss,
  lanesTopCss,
  pixelView,
  rowTopCss,
  shownRowOf,
  visibleRows,
} from './geometry';
import {
  drawCollapsedStrip,
  drawTriangle,
  groupMark,
  hiddenText,
  TRIANGLE_CSS,
  triangleBoxCss,
} from './group-marks';
import { RectBatch } from './rect-batch';
import type { RowSubset, TimelineScene } from './scene-types';

/** Bars narrower than this (CSS px) get no label. */
const LABEL_MIN_CSS = 28;
/** Bars lower than this (CSS px: compact rows) get no label. */
const LABEL_MIN_HEIGHT_CSS = 10;
const DIM_ALPHA = 0.2;
/** Narrowest emphasized (search / brush) bar, CSS px. */
const EMPHASIS_MIN_CSS = 3;

const runs = new RunList();
const batch = new RectBatch();

interface Labels {
  spans: number[];
  x0Px: number[];
  x1Px: number[];
  yPx: number[];
}

export function drawLanes(ctx: CanvasRenderingContext2D, s: TimelineScene): void {
  const g = s.geometry;
  const topPx = Math.round(lanesTopCss(g) * g.dpr);
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, topPx, Math.round(g.widthCss * g.dpr), Math.round(lanesHeightCss(g) * g.dpr));
  ctx.clip();
  const labels: Labels | null =
    barCss(g).heightCss >= LABEL_MIN_HEIGHT_CSS ? { spans: [], x0Px: [], x1Px: [], yPx: [] } : null;
  // the rows as drawn: a collapsed group's descendants are left out (lane-groups.ts)
  const base = s.groups?.rows ?? s.layout;
  ctx.globalAlpha = s.emphasis ? DIM_ALPHA : 1;
  drawRows(ctx, s, base, s.emphasis ? null : labels);
  ctx.globalAlpha = 1;
  if (s.emphasis) drawRows(ctx, s, s.emphasis, labels);
  if (labels) drawLabels(ctx, s, labels);
  if (s.hovered >= 0 && s.hovered !== s.selected) outline(ctx, s, s.hovered, s.theme.fg, 1);
  for (const span of s.critical ?? []) outline(ctx, s, span, s.theme.fg, 2);
  if (s.selected >= 0) outline(ctx, s, s.selected, s.theme.accent, 2);
  ctx.restore();
}

function drawRows(
  ctx: CanvasRenderingContext2D,
  s: TimelineScene,
  rows: RowSubset,
  labels: Labels | null,
): void {
  const g = s.geometry;
  const view = pixelView(g);
  const { beginNs, endNs, nameIndex } = s.table;
  const [first, last] = visibleRows(g);
  const bar = barCss(g);
  const heightPx = Math.max(1, Math.round(bar.heightCss * g.dpr));
  const minLabelPx = LABEL_MIN_CSS * g.dpr;
  const minPx = rows === s.emphasis ? Math.round(EMPHASIS_MIN_CSS * g.dpr) : 1;
  for (let shown = first; shown < last; shown++) {
    const r = layoutRowAt(g, shown);
    const yPx = Math.round((rowTopCss(g, r) + bar.insetCss) * g.dpr);
    rowRuns(rows.rowSpans, rows.rowStart[r], rows.rowStart[r + 1], beginNs, endNs, view, runs);
    for (let k = 0; k < runs.length; k++) {
      const x0 = runs.x0Px[k];
      const widthPx = runs.x1Px[k] - x0;
      const span = runs.span[k];
      addBar(s.colours[nameIndex[span]], x0, yPx, widthPx, heightPx, minPx);
      if (runs.count[k] === 1) markOpenEnds(s, span, yPx, heightPx);
      if (runs.count[k] === 1 && s.groups?.collapsed?.[span])
        strips.push({ x0Px: x0, x1Px: runs.x1Px[k], yPx, heightPx });
      if (labels && runs.count[k] === 1 && widthPx >= minLabelPx) {
        labels.spans.push(span);
        labels.x0Px.push(x0);
        labels.x1Px.push(runs.x1Px[k]);
        labels.yPx.push(yPx);
      }
    }
  }
  batch.flush(ctx, s.theme.palette);
  flushMarkers(ctx, s, heightPx);
  for (const strip of strips) drawCollapsedStrip(ctx, g, strip, s.theme.fg);
  strips.length = 0;
}

/** Bars of collapsed roots seen this pass (group-marks.ts draws a strip under each). */
const strips: { x0Px: number; x1Px: number; yPx: number; heightPx: number }[] = [];

/** Queues a bar: a 1 px gap after a wide one keeps neighbours apart; slivers widen to minPx. */
function addBar(key: number, x0: number, y: number, widthPx: number, h: number, minPx: number) {
  if (widthPx < minPx) batch.add(key, x0 - ((minPx - widthPx) >> 1), y, minPx, h);
  else batch.add(key, x0, y, widthPx > 3 ? widthPx - 1 : widthPx, h);
}

interface Marker {
  xPx: number;
  yPx: number;
  open: boolean;
}
const markers: Marker[] = [];

/** Queues a marker at the made-up end of an open span or the made-up begin of an orphan end. */
function markOpenEnds(s: TimelineScene, span: number, yPx: number, heightPx: number): void {
  const state = s.table.state[span];
  if (state !== SPAN_OPEN && state !== SPAN_ORPHAN_END) return;
  const view = pixelView(s.geometry);
  const open = state === SPAN_OPEN;
  const x = Math.round(xPx(view, open ? s.table.endNs[span] : s.table.beginNs[span]));
  if (x < -heightPx || x > view.widthPx + heightPx) return;
  markers.push({ xPx: x, yPx, open });
}

/** A zigzag edge (the span goes on beyond what was captured) and an arrow outside the bar. */
function flushMarkers(ctx: CanvasRenderingContext2D, s: TimelineScene, heightPx: number): void {
  const tooth = Math.max(2, heightPx / 4);
  for (const m of markers) {
    const dir = m.open ? 1 : -1;
    ctx.fillStyle = s.theme.bg;
    ctx.beginPath();
    ctx.moveTo(m.xPx + dir, m.yPx);
    for (let k = 0; k <= 4; k++) {
      ctx.lineTo(m.xPx - dir * (k % 2 === 1 ? tooth : 0), m.yPx + (heightPx * k) / 4);
    }
    ctx.lineTo(m.xPx + dir, m.yPx + heightPx);
    ctx.closePath();
    ctx.fill();
    ctx.fillStyle = s.theme.fg;
    ctx.beginPath();
    const tip = m.xPx + dir * (tooth + heightPx * 0.45);
    ctx.moveTo(m.xPx + dir * tooth, m.yPx + heightPx * 0.2);
    ctx.lineTo(tip, m.yPx + heightPx / 2);
    ctx.lineTo(m.xPx + dir * tooth, m.yPx + heightPx * 0.8);
    ctx.closePath();
    ctx.fill();
  }
  markers.length = 0;
}

function drawLabels(ctx: CanvasRenderingContext2D, s: TimelineScene, labels: Labels): void {
  if (labels.spans.length === 0) return;
  const g = s.geometry;
  const fontPx = Math.round(11 * g.dpr);
  ctx.font = `${fontPx}px ${s.theme.fontUi}`;
  ctx.textBaseline = 'middle';
  ctx.fillStyle = s.theme.barText;
  const charPx = ctx.measureText('abcdefghijklmnopqrstuvwxyz_:').width / 28;
  const padPx = Math.round(3 * g.dpr);
  const midPx = Math.round((barCss(g).heightCss / 2) * g.dpr);
  for (let k = 0; k < labels.spans.length; k++) {
    const span = labels.spans[k];
    // clear of the zigzag an orphan end gets at its made-up begin, and of a group's triangle
    const zigzagPx = s.table.state[span] === SPAN_ORPHAN_END ? padPx : 0;
    const box = triangleBoxCss(g, s, span);
    const mark = box && groupMark(s, span);
    if (box && mark) drawTriangle(ctx, g, box[0], labels.yPx[k], mark.collapsed, s.theme.barText);
    ctx.fillStyle = s.theme.barText;
    const x0 = Math.max(0, labels.x0Px[k]) + padPx + zigzagPx + (box ? TRIANGLE_CSS * g.dpr : 0);
    const avail = labels.x1Px[k] - padPx - x0;
    const suffix = mark?.collapsed ? ` ${hiddenText(mark.hiddenSpans)}` : '';
    const name = fitText(s.table.names[s.table.nameIndex[span]], avail / charPx - suffix.length);
    const text = name ? name + suffix : fitText(suffix.trim(), avail / charPx);
    if (text) ctx.fillText(text, x0, labels.yPx[k] + midPx);
  }
}

/**
 * The text cut to about `maxChars` characters: whole when it fits, else its last `::` segment
 * (the function name of `crate::module::fn`), cut with an ellipsis; '' when nothing useful fits.
 */
export function fitText(text: string, maxChars: number): string {
  const n = Math.floor(maxChars);
  if (text.length <= n) return text;
  const cut = text.lastIndexOf('::');
  const tail = cut >= 0 ? text.slice(cut + 2) : text;
  if (tail.length <= n) return tail;
  if (n < 3) return '';
  return `${tail.slice(0, n - 1)}…`;
}

function outline(
  ctx: CanvasRenderingContext2D,
  s: TimelineScene,
  span: number,
  colour: string,
  widthCss: number,
): void {
  const g = s.geometry;
  const row = s.layout.row[span];
  if (row < 0 || shownRowOf(g, row) < 0) return;
  if (!isDrawn(s.groups?.hidden, span)) return;
  const view = pixelView(g);
  const x0 = Math.max(-10, Math.floor(xPx(view, s.table.beginNs[span])));
  const x1 = Math.min(
    view.widthPx + 10,
    Math.max(x0 + 1, Math.ceil(xPx(view, s.table.endNs[span]))),
  );
  if (x1 < 0 || x0 > view.widthPx) return;
  const lw = Math.max(1, Math.round(widthCss * g.dpr));
  const bar = barCss(g);
  const y = Math.round((rowTopCss(g, row) + bar.insetCss) * g.dpr);
  const h = Math.max(1, Math.round(bar.heightCss * g.dpr));
  ctx.strokeStyle = colour;
  ctx.lineWidth = lw;
  ctx.strokeRect(x0 - lw / 2, y - lw / 2, x1 - x0 + lw, h + lw);
}
