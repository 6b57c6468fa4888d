// What `weft bench ui` and the large-capture e2e ask the timeline through window.__weft: show the
// busiest stretch of the capture, and count the spans one screen of lanes shows there. No React.
import { busiestWindow, peakOpen, spansInRows, type GroupsFigure } from '../../model/busy-window';
import { layoutRowAt, visibleRows } from './geometry';
import { triangleBoxCss } from './group-marks';
import { spanCenterCss } from './hit-test';
import { handleKey } from './timeline-input';
import { groupLinksOf, groupOf } from '../../model/lane-groups';
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

const press = (c: TimelineController, k: string) =>
  handleKey(c, {
    key: k,
    shiftKey: false,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
  } as KeyboardEvent);

/** Presses of `k` from the top of the lanes until `span` is on screen (-1: never). */
function pressesToShow(c: TimelineController, span: number, k: string): number {
  c.scrollBy(-Infinity);
  for (let presses = 0; presses < 100_000; presses++) {
    const scene = c.scene();
    if (scene && spanCenterCss(scene, span)) return presses;
    const before = c.scrollTopCss;
    press(c, k);
    if (c.scrollTopCss === before) return -1;
  }
  return -1;
}

/** Root tasks with a span in the window, and the one whose row is shown lowest (expanded). */
function windowRoots(c: TimelineController): { roots: number; lowest: number } {
  const d = c.data!;
  const { startNs, endNs } = c.store.getState().window;
  const link = groupLinksOf(d.layout, d.table);
  const { beginNs, endNs: ends } = d.table;
  const roots = new Set<number>();
  for (let i = 0; i < d.table.length; i++)
    if (d.layout.row[i] >= 0 && beginNs[i] <= endNs && ends[i] >= startNs)
      roots.add(groupOf(link, i));
  let lowest = -1;
  for (const r of roots)
    if (
      beginNs[r] <= endNs &&
      ends[r] >= startNs &&
      d.layout.row[r] > (lowest < 0 ? -1 : d.layout.row[lowest])
    )
      lowest = r;
  return { roots: roots.size, lowest };
}

/** Measures GroupsFigure in the window shown, then puts the groups and rows back as they were. */
export function groupsFigure(c: TimelineController): GroupsFigure | null {
  if (!c.data) return null;
  const s = c.store.getState();
  const { groupsCollapsed, groupsFlipped, compactRows } = s;
  const before = { groupsCollapsed, groupsFlipped, compactRows };
  s.setCompactRows(false);
  s.setGroupsCollapsed(false);
  groupViewOf(c, true); // the rows now, not in slices: the figure reads them at once
  const { roots, lowest } = windowRoots(c);
  const nextPresses = pressesToShow(c, lowest, ']');
  const pageDownPresses = pressesToShow(c, lowest, 'PageDown');
  s.setGroupsCollapsed(true);
  groupViewOf(c, true);
  const nextPressesCollapsed = pressesToShow(c, lowest, ']');
  const pageDownPressesCollapsed = pressesToShow(c, lowest, 'PageDown');
  c.scrollBy(-Infinity);
  const listed = visibleSpanCount(c);
  s.setCompactRows(true);
  const listedCompact = visibleSpanCount(c);
  s.setCompactRows(compactRows);
  c.store.setState(before);
  groupViewOf(c, true);
  c.scrollBy(-Infinity);
  return {
    roots,
    listed,
    listedCompact,
    nextPresses,
    pageDownPresses,
    nextPressesCollapsed,
    pageDownPressesCollapsed,
  };
}
