// Warming up the timeline's renderer before the first drop: V8 optimizes a function only once it
// has run a while, and the first frame of a load ran the whole renderer cold (medium's first
// frame: 37–75 ms of drawing, against 1–3 ms for the next ones). While the page waits, this
// draws the bundled sample's process (store/warm-up.ts: what the view workers warm up on) into a
// canvas of its own, never shown, at a few zooms, one frame per task. A speed-up only: a failure
// leaves the renderer cold, never fails a load. No React.
import { runInSlices, type Steps } from '../../base/time-slices';
import { buildView } from '../../store/view-build';
import type { TimelineScene } from './scene-types';
import { FALLBACK_THEME, nameColours } from './theme';
import { drawTimeline } from './timeline-scene';

/** A process's span columns, as a view build takes them. */
type SpanColumnsInput = Parameters<typeof buildView>[0];

/** Frames drawn: each zoom a few times, so the drawing loops are optimized. */
const PASSES = 6;
/** Windows drawn, as fractions of the capture (whole, then zoomed in on its middle). */
const ZOOMS = [1, 0.2, 0.02, 0.002];

export interface WarmCanvas {
  ctx: CanvasRenderingContext2D;
  widthCss: number;
  heightCss: number;
  dpr: number;
}

/** The frames of the warm-up as steps (a step per frame): a scene per zoom, drawn PASSES times. */
export function* warmDrawSteps(input: SpanColumnsInput, canvas: WarmCanvas): Steps<number> {
  const { table, layout, events } = buildView(input);
  const base: Omit<TimelineScene, 'geometry'> = {
    table,
    layout,
    events,
    colours: nameColours(table),
    emphasis: null,
    emphasisEvents: null,
    selected: -1,
    hovered: -1,
    pointer: null,
    theme: FALLBACK_THEME,
  };
  const { captureBeginNs, captureEndNs } = table;
  const middleNs = (captureBeginNs + captureEndNs) / 2;
  let frames = 0;
  for (let pass = 0; pass < PASSES; pass++) {
    for (const zoom of ZOOMS) {
      const halfNs = Math.max(1, ((captureEndNs - captureBeginNs) * zoom) / 2);
      const geometry = {
        widthCss: canvas.widthCss,
        heightCss: canvas.heightCss,
        dpr: canvas.dpr,
        startNs: middleNs - halfNs,
        endNs: middleNs + halfNs,
        threadCount: table.threads.length,
        rowCount: layout.rowCount,
        scrollTopCss: 0,
      };
      drawTimeline(canvas.ctx, { ...base, geometry });
      frames++;
      yield;
    }
  }
  return frames;
}

/** Draws the warm-up into a detached canvas of the window's width, in slices; stops at `signal`. */
export async function warmTimelineDraw(input: SpanColumnsInput, signal: AbortSignal) {
  try {
    const dpr = window.devicePixelRatio || 1;
    const widthCss = Math.max(320, window.innerWidth);
    const heightCss = 480;
    const element = document.createElement('canvas');
    element.width = Math.round(widthCss * dpr);
    element.height = Math.round(heightCss * dpr);
    const ctx = element.getContext('2d');
    if (!ctx) return;
    await runInSlices(warmDrawSteps(input, { ctx, widthCss, heightCss, dpr }), signal);
  } catch {
    // cancelled by a load, or no canvas: the renderer stays cold
  }
}
