// The timeline's overview strip, drawn with d3 into an <svg>: spans in progress per time bucket
// over the whole capture (src/model/overview.ts), and the current time window as an x brush.
// Dragging the brush's body pans, dragging its edges resizes, dragging elsewhere picks a new
// window, and a click (no drag) centres the window there at its current width. The selected time
// range (Shift+drag on the timeline) is shaded under the brush. Bars and brush are
// the shared src/ui/chart/bucket-strip.ts. Imperative d3, no React.
import { pointer, scaleLinear, select } from 'd3';
import type { RangeNs } from '../../model/span-filter';
import type { TimeWindow } from '../../store/view-state';
import {
  drawBucketBars,
  drawStripBrush,
  type BrushPhase,
  type StripBrush,
} from '../chart/bucket-strip';

export interface OverviewStripInput {
  /** Mean spans in progress per bucket, buckets evenly over the capture. */
  values: ArrayLike<number>;
  captureBeginNs: number;
  captureEndNs: number;
  widthPx: number;
  heightPx: number;
  window: TimeWindow;
  /** A window the user picked (while dragging, and where the gesture ends). */
  onWindow(window: TimeWindow): void;
  /** A drag starts (true) or ends (false). */
  onGesture(on: boolean): void;
}

export interface OverviewStrip {
  /** Shows another window (the timeline panned or zoomed) without reporting it back. */
  showWindow(window: TimeWindow): void;
  /** Shades the selected time range (null: none). */
  showRange(range: RangeNs | null): void;
}

/** Capture time (relative ns) ↔ x (px) over the strip's width. */
export function stripScale(captureBeginNs: number, captureEndNs: number, widthPx: number) {
  return scaleLinear()
    .domain([captureBeginNs, Math.max(captureEndNs, captureBeginNs + 1)])
    .range([0, Math.max(1, widthPx)])
    .clamp(true);
}

/** The brush's pixels for a window (clamped to the strip; at least 2 px so it stays visible). */
export function windowPx(x: ReturnType<typeof stripScale>, window: TimeWindow): [number, number] {
  const [lo, hi] = x.range();
  const a = x(window.startNs);
  const b = x(window.endNs);
  if (b - a >= 2) return [a, b];
  const mid = Math.min(hi - 1, Math.max(lo + 1, (a + b) / 2));
  return [mid - 1, mid + 1];
}

/** The window `input.window`'s width centred at x = `px` (a click on the strip). */
export function windowCentredAt(
  x: ReturnType<typeof stripScale>,
  window: TimeWindow,
  px: number,
): TimeWindow {
  const widthNs = window.endNs - window.startNs;
  const centreNs = x.invert(px);
  return { startNs: centreNs - widthNs / 2, endNs: centreNs + widthNs / 2 };
}

class StripDrawing implements OverviewStrip {
  private readonly x: ReturnType<typeof stripScale>;
  private readonly brush: StripBrush;
  private current: TimeWindow;
  /** While the user drags, the brush is theirs: showWindow only remembers the window. */
  private gesture = false;

  constructor(
    private readonly element: SVGSVGElement,
    private readonly input: OverviewStripInput,
  ) {
    const svg = select(element);
    svg.selectAll('*').remove();
    const { widthPx, heightPx } = input;
    svg.attr('width', widthPx).attr('height', heightPx);
    this.x = stripScale(input.captureBeginNs, input.captureEndNs, widthPx);
    const box = { leftPx: 0, rightPx: widthPx, topPx: 1, heightPx: heightPx - 2 };
    drawBucketBars(svg.append('g').attr('class', 'bars'), input.values, box);
    svg.append('rect').attr('class', 'range').attr('y', 0).attr('height', heightPx);
    this.current = input.window;
    this.brush = drawStripBrush(svg, {
      extent: [
        [0, 0],
        [Math.max(1, widthPx), heightPx],
      ],
      selectionPx: null,
      onBrush: (px, phase, sourceEvent) => this.onBrush(px, phase, sourceEvent),
    });
    this.show(this.current);
  }

  showWindow(window: TimeWindow): void {
    this.current = window;
    if (!this.gesture) this.show(window);
  }

  showRange(range: RangeNs | null): void {
    const rect = select(this.element).select('rect.range');
    if (!range) {
      rect.attr('display', 'none');
      return;
    }
    const [a, b] = windowPx(this.x, range);
    rect
      .attr('display', null)
      .attr('x', a)
      .attr('width', b - a);
  }

  private onBrush(px: [number, number] | null, phase: BrushPhase, sourceEvent: Event): void {
    if (this.gesture !== (phase === 'brush')) this.input.onGesture(phase === 'brush');
    this.gesture = phase === 'brush';
    if (px && px[1] - px[0] >= 2) {
      this.input.onWindow({ startNs: this.x.invert(px[0]), endNs: this.x.invert(px[1]) });
      return;
    }
    if (phase !== 'end') return;
    // A click clears a d3 brush: centre the window there instead, and draw it again.
    const [clickPx] = pointer(sourceEvent, this.element);
    const next = windowCentredAt(this.x, this.current, clickPx);
    this.input.onWindow(next);
    this.show(next);
  }

  /** Draws `window`; one over (nearly) the whole strip cannot be moved, so a drag picks anew. */
  private show(window: TimeWindow): void {
    const px = windowPx(this.x, window);
    this.brush.moveTo(px);
    const wide = px[1] - px[0] > 0.9 * this.input.widthPx;
    const selection = select(this.element).select('.brush .selection');
    if (wide) selection.style('pointer-events', 'none');
    else selection.style('pointer-events', null);
  }
}

export function drawOverviewStrip(
  element: SVGSVGElement,
  input: OverviewStripInput,
): OverviewStrip {
  return new StripDrawing(element, input);
}
