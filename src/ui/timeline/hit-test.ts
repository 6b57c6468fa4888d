// What is under the pointer: a span bar in the async lanes, or a begin / end marker in a thread
// lane; and the reverse, where a span's bar is on screen (for e2e tests and reveal). No React.
import { isDrawn } from '../../model/lane-groups';
import { lowerBoundTimes, spansInRange } from '../../model/lod';
import {
  AXIS_CSS,
  lanesHeightCss,
  lanesTopCss,
  nsPerCss,
  rowCssOf,
  rowTopCss,
  layoutRowAt,
  shownRowOf,
  THREAD_ROW_CSS,
  timeAtCss,
  xCssOf,
} from './geometry';
import { triangleBoxCss } from './group-marks';
import type { TimelineScene } from './scene-types';

export interface Hit {
  span: number;
  /**
   * Where the span was hit: its bar, its group's triangle (a root's: a click collapses or expands
   * the group), or its begin / end marker on a thread lane.
   */
  part: 'bar' | 'group' | 'begin' | 'end';
}

/** How far (CSS px) from a bar or marker a pointer still hits it. */
export const HIT_SLOP_CSS = 3;

type HitScene = Pick<TimelineScene, 'geometry' | 'table' | 'layout' | 'events' | 'groups'>;

export function hitTest(s: HitScene, xCss: number, yCss: number): Hit | null {
  const g = s.geometry;
  if (xCss < 0 || xCss > g.widthCss) return null;
  if (yCss >= lanesTopCss(g)) return hitLane(s, xCss, yCss);
  const thread = Math.floor((yCss - AXIS_CSS) / THREAD_ROW_CSS);
  if (yCss < AXIS_CSS || thread >= s.table.threads.length) return null;
  const end = yCss - AXIS_CSS - thread * THREAD_ROW_CSS >= THREAD_ROW_CSS / 2;
  const list = end ? s.events.ends[thread] : s.events.begins[thread];
  const t = timeAtCss(g, xCss);
  const slopNs = HIT_SLOP_CSS * nsPerCss(g);
  const k = lowerBoundTimes(list.timesNs, 0, t);
  let best = -1;
  for (const j of [k - 1, k]) {
    if (j < 0 || j >= list.timesNs.length || Math.abs(list.timesNs[j] - t) > slopNs) continue;
    if (best < 0 || Math.abs(list.timesNs[j] - t) < Math.abs(list.timesNs[best] - t)) best = j;
  }
  return best < 0 ? null : { span: list.spans[best], part: end ? 'end' : 'begin' };
}

function hitLane(s: HitScene, xCss: number, yCss: number): Hit | null {
  const g = s.geometry;
  const shown = Math.floor((yCss - lanesTopCss(g) + g.scrollTopCss) / rowCssOf(g));
  if (shown < 0 || shown >= g.rowCount) return null;
  const row = layoutRowAt(g, shown);
  // the rows as drawn: spans a collapsed group hides are not hit
  const { rowStart, rowSpans } = s.groups?.rows ?? s.layout;
  const { beginNs, endNs } = s.table;
  const t = timeAtCss(g, xCss);
  const slopNs = HIT_SLOP_CSS * nsPerCss(g);
  const [from, to] = spansInRange(
    rowSpans,
    rowStart[row],
    rowStart[row + 1],
    beginNs,
    endNs,
    t - slopNs,
    t + slopNs,
  );
  let best = -1;
  let bestDistance = Infinity;
  for (let k = from; k < to; k++) {
    const i = rowSpans[k];
    const distance = t < beginNs[i] ? beginNs[i] - t : t > endNs[i] ? t - endNs[i] : 0;
    if (distance < bestDistance) [best, bestDistance] = [i, distance];
  }
  if (best < 0) return null;
  const box = bestDistance === 0 ? triangleBoxCss(g, s, best) : null;
  return { span: best, part: box && xCss >= box[0] && xCss < box[1] ? 'group' : 'bar' };
}

/**
 * Centre of the visible part of a span's bar, in canvas CSS px; null when it is off screen or
 * hidden in a collapsed group.
 */
export function spanCenterCss(s: HitScene, span: number): { xCss: number; yCss: number } | null {
  const g = s.geometry;
  const row = span >= 0 && span < s.table.length ? s.layout.row[span] : -1;
  if (row < 0 || shownRowOf(g, row) < 0) return null;
  if (!isDrawn(s.groups?.hidden, span)) return null;
  const yCss = rowTopCss(g, row) + rowCssOf(g) / 2;
  if (yCss < lanesTopCss(g) || yCss > lanesTopCss(g) + lanesHeightCss(g)) return null;
  const x0 = Math.max(0, xCssOf(g, s.table.beginNs[span]));
  const x1 = Math.min(g.widthCss, xCssOf(g, s.table.endNs[span]));
  if (x1 < 0 || x0 > g.widthCss) return null;
  return { xCss: (x0 + Math.max(x0, x1)) / 2, yCss };
}
