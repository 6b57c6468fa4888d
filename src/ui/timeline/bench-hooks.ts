// What `weft bench ui` and the large-capture e2e ask the timeline through window.__weft: show the
// busiest stretch of the capture, and count the spans one screen of lanes shows there. No React.
import { busiestWindow, peakOpen, spansInRows } from '../../model/busy-window';
import { layoutRowAt, visibleRows } from './geometry';
import { triangleBoxCss } from './group-marks';
import { spanCenterCss } from './hit-test';
import { groupViewOf } from './timeline-groups';
import type { TimelineController } from './timeline-controller';

/**
 * Shows the busiest `widthNs` of the capture with the lanes scrolled to the top; returns how many
 * shown spans overlap it, or null before data.
 */
export function showBusiestWindow(c: TimelineController, widthNs: number): number | null {
  const d = c.data;
  if (!d) return null;
  const busy = busiestWindow(d.table.beginNs, d.table.endNs, widthNs, d.include);
  c.store.getState().setWindow({ startNs: busy.startNs, endNs: busy.endNs });
  c.scrollBy(-Infinity);
  return busy.active;
}

/** Spans drawn on the lanes now on screen that overlap the window (not those a group hides). */
export function visibleSpanCount(c: TimelineController): number {
  const d = c.data;
  const rows = groupViewOf(c)?.rows;
  if (!d || !rows) return 0;
  const g = c.geometry();
  const [first, last] = visibleRows(g);
  const { beginNs, endNs } = d.table;
  let count = 0;
  for (let shown = first; shown < last; shown++) {
    const r = layoutRowAt(g, shown);
    count += spansInRows(rows, beginNs, endNs, r, r + 1, g.startNs, g.endNs);
  }
  return count;
}

/** The most spans open at one instant of the window shown: no layout shows them in fewer rows. */
export function windowPeakOpen(c: TimelineController): number {
  const d = c.data;
  if (!d) return 0;
  const g = c.geometry();
  return peakOpen(d.table.beginNs, d.table.endNs, g.startNs, g.endNs, d.include);
}

/** Client coordinates of a visible span's bar centre (for e2e tests), else null. */
export function spanCenterClient(
  c: TimelineController,
  span: number,
  canvas: HTMLCanvasElement | null,
): { x: number; y: number } | null {
  const scene = c.scene();
  const at = scene && canvas ? spanCenterCss(scene, span) : null;
  if (!at || !canvas) return null;
  const rect = canvas.getBoundingClientRect();
  return { x: rect.left + at.xCss, y: rect.top + at.yCss };
}

/** Roots whose group triangle is on screen, with the triangle's client centre (e2e tests). */
export function groupTriangles(
  c: TimelineController,
  canvas: HTMLCanvasElement | null,
): { span: number; x: number; y: number }[] {
  const scene = c.scene();
  if (!scene || !canvas) return [];
  const g = scene.geometry;
  const rect = canvas.getBoundingClientRect();
  const rows = scene.groups?.rows ?? scene.layout;
  const [first, last] = visibleRows(g);
  const out: { span: number; x: number; y: number }[] = [];
  for (let shown = first; shown < last; shown++) {
    const r = layoutRowAt(g, shown);
    for (let k = rows.rowStart[r]; k < rows.rowStart[r + 1]; k++) {
      const span = rows.rowSpans[k];
      const box = triangleBoxCss(g, scene, span);
      const at = box && spanCenterCss(scene, span);
      if (box && at)
        out.push({ span, x: rect.left + (box[0] + box[1]) / 2, y: rect.top + at.yCss });
    }
  }
  return out;
}
