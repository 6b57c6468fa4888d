// What the lanes draw for root-task groups (src/model/lane-groups.ts): a triangle at the visible
// left end of a root's bar when its group has spans below it (▾ expanded, ▸ collapsed), the count
// a collapsed root hides after its name ("+312 spans"), and a strip under every collapsed root's
// bar, so a collapsed group reads as one even where no label fits (compact rows, narrow bars).
// The triangle is also the click target that collapses or expands the group. No React.
import { hasChildren } from '../../model/lane-groups';
import { barCss, rowCssOf, xCssOf, type TimelineGeometry } from './geometry';
import type { TimelineScene } from './scene-types';

/** Width of the triangle's box at the left end of a root's bar (CSS px). */
export const TRIANGLE_CSS = 12;
/** Narrowest visible bar that gets a triangle (CSS px), and the lowest row (compact rows: none). */
const MARK_MIN_WIDTH_CSS = 28;
const MARK_MIN_ROW_CSS = 12;

type MarkScene = Pick<TimelineScene, 'table' | 'layout' | 'groups'>;

/**
 * A span's group mark (a root's or any span's with children): whether it is collapsed and how many
 * spans it hides; null: no children.
 */
export function groupMark(
  s: MarkScene,
  span: number,
): { collapsed: boolean; hiddenSpans: number } | null {
  if (s.groups?.collapsed?.[span])
    return { collapsed: true, hiddenSpans: s.groups.hiddenCount?.[span] ?? 0 };
  return hasChildren(s.layout, s.table, span) ? { collapsed: false, hiddenSpans: 0 } : null;
}

/** The text after a collapsed root's name. */
export function hiddenText(hiddenSpans: number): string {
  return `+${hiddenSpans.toLocaleString('en-US')} span${hiddenSpans === 1 ? '' : 's'}`;
}

/** The triangle's box [x0Css, x1Css) on the span's bar, or null when the bar gets none. */
export function triangleBoxCss(
  g: TimelineGeometry,
  s: MarkScene,
  span: number,
): [number, number] | null {
  if (rowCssOf(g) < MARK_MIN_ROW_CSS || !groupMark(s, span)) return null;
  const x0 = Math.max(0, xCssOf(g, s.table.beginNs[span]));
  const x1 = Math.min(g.widthCss, xCssOf(g, s.table.endNs[span]));
  return x1 - x0 >= MARK_MIN_WIDTH_CSS ? [x0, x0 + TRIANGLE_CSS] : null;
}

/** Draws the triangle in its box: pointing right (collapsed) or down (expanded). */
export function drawTriangle(
  ctx: CanvasRenderingContext2D,
  g: TimelineGeometry,
  x0Css: number,
  yPx: number,
  collapsed: boolean,
  colour: string,
): void {
  const hPx = barCss(g).heightCss * g.dpr;
  const size = Math.min(hPx * 0.55, TRIANGLE_CSS * g.dpr * 0.6);
  const cx = (x0Css + TRIANGLE_CSS / 2) * g.dpr;
  const cy = yPx + hPx / 2;
  ctx.fillStyle = colour;
  ctx.beginPath();
  if (collapsed) {
    ctx.moveTo(cx - size * 0.35, cy - size / 2);
    ctx.lineTo(cx + size * 0.5, cy);
    ctx.lineTo(cx - size * 0.35, cy + size / 2);
  } else {
    ctx.moveTo(cx - size / 2, cy - size * 0.35);
    ctx.lineTo(cx + size / 2, cy - size * 0.35);
    ctx.lineTo(cx, cy + size * 0.5);
  }
  ctx.closePath();
  ctx.fill();
}

/** A strip along the bottom of a collapsed root's bar (device px). */
export function drawCollapsedStrip(
  ctx: CanvasRenderingContext2D,
  g: TimelineGeometry,
  bar: { x0Px: number; x1Px: number; yPx: number; heightPx: number },
  colour: string,
): void {
  const stripPx = Math.max(1, Math.min(Math.round(2 * g.dpr), Math.floor(bar.heightPx / 3)));
  ctx.fillStyle = colour;
  ctx.fillRect(bar.x0Px, bar.yPx + bar.heightPx - stripPx, bar.x1Px - bar.x0Px, stripPx);
}
