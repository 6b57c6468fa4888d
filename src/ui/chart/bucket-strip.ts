// Pieces shared by the two time overviews drawn with d3 into an <svg>: the remote process's block
// overview (src/ui/browser/overview-scene.ts: events per bucket and thread, a brush picks the
// range to read) and the timeline's overview strip (src/ui/timeline/overview-strip.ts: spans in
// progress per bucket, a brush shows and moves the time window). Both draw a row of bars, one per
// equal-width time bucket, and an x brush that reports what the user did. Imperative d3, no React.
import { brushX } from 'd3';
import type { BrushBehavior, D3BrushEvent, Selection } from 'd3';

export type SvgSelection = Selection<SVGSVGElement, unknown, null, undefined>;
export type GroupSelection = Selection<SVGGElement, unknown, null, undefined>;

/** Where a row of bars goes (px): bars grow up from topPx + heightPx. */
export interface StripBox {
  leftPx: number;
  rightPx: number;
  topPx: number;
  heightPx: number;
}

/** px with at most 2 decimals, the path's number format. */
const px2 = (v: number) => Math.round(v * 100) / 100;

/**
 * One bar per bucket with a value > 0, buckets spread evenly over [leftPx, rightPx), heights
 * proportional to value / (the row's maximum), so a quiet row still shows its shape: as the `d`
 * of one SVG path, a rectangle per bar.
 */
export function bucketBarsPath(values: ArrayLike<number>, box: StripBox): string {
  const n = values.length;
  let max = 0;
  for (let i = 0; i < n; i++) max = Math.max(max, values[i]);
  if (!(max > 0)) return '';
  const bucketPx = (box.rightPx - box.leftPx) / n;
  const widthPx = px2(Math.max(1, bucketPx - 0.5));
  const bottomPx = box.topPx + box.heightPx;
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    if (!(values[i] > 0)) continue;
    const hPx = px2((box.heightPx * values[i]) / max);
    parts.push(
      `M${px2(box.leftPx + i * bucketPx)},${px2(bottomPx - hPx)}h${widthPx}v${hPx}h${-widthPx}z`,
    );
  }
  return parts.join('');
}

/**
 * The bars of bucketBarsPath in `parent`: one <path>, not an element per bucket (the timeline's
 * strip had ~460 rects, made again on every count: 50-150 ms of DOM work and a style, layout and
 * paint of each in the task that drew them).
 */
export function drawBucketBars(
  parent: GroupSelection,
  values: ArrayLike<number>,
  box: StripBox,
): void {
  parent
    .selectAll('path')
    .data([bucketBarsPath(values, box)])
    .join('path')
    .attr('d', (d) => d);
}

export type BrushPhase = 'brush' | 'end';

export interface StripBrushOptions {
  /** [[x0, y0], [x1, y1]] in px: where the brush can be drawn. */
  extent: [[number, number], [number, number]];
  /** The selection shown at first (px), or null. */
  selectionPx: [number, number] | null;
  /**
   * Called for the user's gestures only (not for moveTo): while dragging ('brush') and when
   * released ('end'); px is null when the user cleared the selection, e.g. by a click outside it.
   */
  onBrush(px: [number, number] | null, phase: BrushPhase, sourceEvent: Event): void;
}

export interface StripBrush {
  /** Moves the drawn selection without reporting it (null hides it). */
  moveTo(px: [number, number] | null): void;
}

/** An x brush in a new group of `svg`. */
export function drawStripBrush(svg: SvgSelection, options: StripBrushOptions): StripBrush {
  const brush: BrushBehavior<unknown> = brushX<unknown>().extent(options.extent);
  const report = (phase: BrushPhase) => (event: D3BrushEvent<unknown>) => {
    if (!event.sourceEvent) return; // moveTo, not the user
    options.onBrush(event.selection as [number, number] | null, phase, event.sourceEvent);
  };
  brush.on('brush', report('brush')).on('end', report('end'));
  const g = svg.append('g').attr('class', 'brush');
  g.call(brush);
  const moveTo = (px: [number, number] | null) => g.call(brush.move, px);
  moveTo(options.selectionPx);
  return { moveTo };
}
