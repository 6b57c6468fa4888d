// Draws the time axis band (offset from process start and UTC clock per tick, the date), the grid
// lines under everything, and the shading outside the captured range. No React.
import { axisTicks, clockDate } from '../../model/time-axis';
import { AXIS_CSS, xCssOf, type TimelineGeometry } from './geometry';
import type { TimelineScene } from './scene-types';

export function drawGrid(ctx: CanvasRenderingContext2D, s: TimelineScene): void {
  const g = s.geometry;
  const heightPx = Math.round(g.heightCss * g.dpr);
  const widthPx = Math.round(g.widthCss * g.dpr);
  ctx.fillStyle = s.theme.bg;
  ctx.fillRect(0, 0, widthPx, heightPx);
  // outside the capture: shaded, so a user sees where the data ends
  ctx.fillStyle = s.theme.panel;
  const beginPx = Math.round(xCssOf(g, s.table.captureBeginNs) * g.dpr);
  const endPx = Math.round(xCssOf(g, s.table.captureEndNs) * g.dpr);
  if (beginPx > 0) ctx.fillRect(0, 0, Math.min(widthPx, beginPx), heightPx);
  if (endPx < widthPx) ctx.fillRect(Math.max(0, endPx), 0, widthPx - Math.max(0, endPx), heightPx);
  ctx.fillStyle = s.theme.grid;
  for (const tick of ticksOf(ctx, s).ticks) {
    ctx.fillRect(
      Math.round(xCssOf(g, tick.timeNs) * g.dpr),
      0,
      Math.max(1, Math.round(g.dpr / 2)),
      heightPx,
    );
  }
}

/** The axis font at the scene's DPR (set before measuring, so widths are the drawn ones). */
function setAxisFont(ctx: CanvasRenderingContext2D, s: TimelineScene): void {
  ctx.font = `${Math.round(11 * s.geometry.dpr)}px ${s.theme.fontUi}`;
}

/** Ticks whose labels, measured in the axis font, never reach the next tick. */
function ticksOf(ctx: CanvasRenderingContext2D, s: TimelineScene) {
  const g = s.geometry;
  setAxisFont(ctx, s);
  const measureCss = (text: string) => ctx.measureText(text).width / g.dpr;
  return axisTicks(g.startNs, g.endNs, g.widthCss, s.table.originNs, { measureCss });
}

export function drawAxis(ctx: CanvasRenderingContext2D, s: TimelineScene): void {
  const g = s.geometry;
  const widthPx = Math.round(g.widthCss * g.dpr);
  const axisPx = Math.round(AXIS_CSS * g.dpr);
  ctx.fillStyle = s.theme.panel;
  ctx.fillRect(0, 0, widthPx, axisPx);
  ctx.fillStyle = s.theme.border;
  ctx.fillRect(0, axisPx - Math.max(1, Math.round(g.dpr)), widthPx, Math.max(1, Math.round(g.dpr)));
  setAxisFont(ctx, s);
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  const padPx = Math.round(3 * g.dpr);
  const dateLeftPx = drawDate(ctx, s, g, widthPx);
  for (const tick of ticksOf(ctx, s).ticks) {
    const x = Math.round(xCssOf(g, tick.timeNs) * g.dpr);
    ctx.fillStyle = s.theme.border;
    ctx.fillRect(
      x,
      axisPx - Math.round(6 * g.dpr),
      Math.max(1, Math.round(g.dpr)),
      Math.round(6 * g.dpr),
    );
    ctx.fillStyle = s.theme.fg;
    // the first line stops short of the date in the top-right corner
    if (x + 3 * padPx + ctx.measureText(tick.offsetLabel).width < dateLeftPx)
      ctx.fillText(tick.offsetLabel, x + padPx, Math.round(10 * g.dpr));
    ctx.fillStyle = s.theme.muted;
    // a label cut by the right edge reads as a wrong time: leave it out
    if (x + padPx + ctx.measureText(tick.clockLabel).width <= widthPx)
      ctx.fillText(tick.clockLabel, x + padPx, Math.round(24 * g.dpr));
  }
}

/** The UTC date of the clock labels, right-aligned in the axis band; returns its left edge. */
function drawDate(
  ctx: CanvasRenderingContext2D,
  s: TimelineScene,
  g: TimelineGeometry,
  widthPx: number,
): number {
  const text = `clock: UTC ${clockDate(s.table.originNs)}`;
  const padPx = Math.round(4 * g.dpr);
  const w = ctx.measureText(text).width + 2 * padPx;
  ctx.fillStyle = s.theme.muted;
  ctx.textAlign = 'right';
  ctx.fillText(text, widthPx - padPx, Math.round(10 * g.dpr));
  ctx.textAlign = 'left';
  return widthPx - w;
}
