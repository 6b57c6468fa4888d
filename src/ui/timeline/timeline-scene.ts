// The timeline renderer: one pure function that draws a whole frame from a TimelineScene onto a 2D
// context in device pixels: grid, async lanes, thread lanes, migration links, axis, scroll
// indicator. What it draws is bounded by pixels × visible rows, never by the span count. No React.
import { drawAxis, drawGrid } from './axis-layer';
import { lanesHeightCss, lanesTopCss, rowCssOf, THREAD_GAP_CSS } from './geometry';
import { drawLanes } from './lanes-layer';
import type { TimelineScene } from './scene-types';
import { drawLinks, drawThreads } from './threads-layer';

export type { TimelineScene } from './scene-types';

export function drawTimeline(ctx: CanvasRenderingContext2D, s: TimelineScene): void {
  drawGrid(ctx, s);
  drawLanes(ctx, s);
  drawThreads(ctx, s);
  drawSeparator(ctx, s);
  drawLinks(ctx, s);
  drawAxis(ctx, s);
  drawScrollIndicator(ctx, s);
  if (s.table.length === 0) drawMessage(ctx, s, 'No async spans in this process');
}

function drawSeparator(ctx: CanvasRenderingContext2D, s: TimelineScene): void {
  const g = s.geometry;
  const y = Math.round((lanesTopCss(g) - THREAD_GAP_CSS) * g.dpr);
  ctx.fillStyle = s.theme.panel;
  ctx.fillRect(0, y, Math.round(g.widthCss * g.dpr), Math.round(THREAD_GAP_CSS * g.dpr));
  ctx.fillStyle = s.theme.border;
  ctx.fillRect(0, y, Math.round(g.widthCss * g.dpr), Math.max(1, Math.round(g.dpr)));
}

/** A thumb on the right edge showing which rows of the lanes are in view. */
function drawScrollIndicator(ctx: CanvasRenderingContext2D, s: TimelineScene): void {
  const g = s.geometry;
  const viewCss = lanesHeightCss(g);
  const contentCss = g.rowCount * rowCssOf(g);
  if (contentCss <= viewCss || viewCss <= 0) return;
  const thumbCss = Math.max(16, (viewCss * viewCss) / contentCss);
  const topCss = lanesTopCss(g) + (g.scrollTopCss / contentCss) * viewCss;
  ctx.globalAlpha = 0.5;
  ctx.fillStyle = s.theme.muted;
  ctx.fillRect(
    Math.round((g.widthCss - 8) * g.dpr),
    Math.round(topCss * g.dpr),
    Math.round(6 * g.dpr),
    Math.round(Math.min(thumbCss, viewCss) * g.dpr),
  );
  ctx.globalAlpha = 1;
}

function drawMessage(ctx: CanvasRenderingContext2D, s: TimelineScene, text: string): void {
  const g = s.geometry;
  ctx.font = `${Math.round(13 * g.dpr)}px ${s.theme.fontUi}`;
  ctx.fillStyle = s.theme.muted;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, (g.widthCss * g.dpr) / 2, (lanesTopCss(g) + 40) * g.dpr);
  ctx.textAlign = 'left';
}
