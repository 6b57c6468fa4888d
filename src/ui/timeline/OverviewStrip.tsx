// The overview strip above the lanes: how many spans are in progress over the whole capture
// (mean per bucket of BUCKET_PX, from the columnar span table: src/model/overview.ts, equal to
// SQL over async_spans), under the filter bar and the call path as the lanes are, with the time
// window as a brush to drag, resize or click (overview-strip.ts). The buckets are counted in
// slices after the render (large: 1.76M spans), the peak saying "counting…" meanwhile; the bars
// of the previous count of the same table stay drawn until the new ones are ready, and a count is
// drawn after the next frame (src/ui/after-next-frame.ts). React shell only: the window reaches
// the drawing through store.subscribe, never through a render.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Steps } from '../../base/time-slices';
import { filterMaskOf } from '../../model/analysis';
import { busyBucketsSteps, concurrency } from '../../model/overview';
import { isFilterEmpty, type SpanFilter } from '../../model/span-filter';
import type { SpanTable } from '../../model/span-table';
import type { CallPath } from '../../model/call-tree';
import { clampWindow, windowLimits } from '../../model/time-window';
import { useView, useViewStoreApi } from '../store-context';
import { drawOverviewStrip } from './overview-strip';
import { useSliced } from '../use-sliced';
import { afterNextFrame } from '../after-next-frame';

/** Pixels per bucket. */
const BUCKET_PX = 3;
const HEIGHT_PX = 34;

function useWidthPx(ref: React.RefObject<HTMLElement | null>): number {
  const [widthPx, setWidthPx] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidthPx(Math.floor(el.clientWidth));
    // no measure now: the observer's first call (after the next layout) measures; reading the
    // size here would lay out the whole page, the new panels included, in the commit's task
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return widthPx;
}

/** What a count is of. */
interface CountInputs {
  spans: SpanTable;
  filter: SpanFilter;
  callPath: CallPath | null;
  widthPx: number;
}

/** A finished count: its buckets' values and what they were counted for. */
interface Counted extends CountInputs {
  values: Float64Array;
}

function* countSteps(inputs: CountInputs): Steps<Float64Array> {
  const { spans, filter, callPath, widthPx } = inputs;
  const mask = filterMaskOf(spans, filter, callPath);
  const count = Math.max(1, Math.floor(widthPx / BUCKET_PX));
  return concurrency(yield* busyBucketsSteps(spans, mask, count));
}

/**
 * The strip's values for the inputs, counted in slices after the render: the last finished
 * count of the same table (null before one), and whether it is of the current inputs (false while
 * a newer count runs).
 */
function useCounted(
  spans: SpanTable | null,
  filter: SpanFilter,
  callPath: CallPath | null,
  widthPx: number,
): { counted: Counted | null; current: boolean } {
  const inputs = useMemo(
    () => (spans && widthPx > 0 ? { spans, filter, callPath, widthPx } : null),
    [spans, filter, callPath, widthPx],
  );
  const done = useSliced(inputs, countSteps);
  const counted = useMemo(() => done && { ...done.inputs, values: done.value }, [done]);
  if (!counted || counted.spans !== spans) return { counted: null, current: false };
  return { counted, current: done?.inputs === inputs };
}

/** Draws a count and keeps its brush on the store's window and range; returns an unsubscribe. */
function drawStrip(
  element: SVGSVGElement,
  store: ReturnType<typeof useViewStoreApi>,
  counted: Counted,
): () => void {
  const { spans, values, widthPx } = counted;
  const limits = windowLimits(spans.captureBeginNs, spans.captureEndNs);
  const strip = drawOverviewStrip(element, {
    values,
    captureBeginNs: spans.captureBeginNs,
    captureEndNs: spans.captureEndNs,
    widthPx,
    heightPx: HEIGHT_PX,
    window: store.getState().window,
    onWindow: (window) => store.getState().setWindow(clampWindow(window, limits)),
    onGesture: (on) => store.getState().setGesture(on),
  });
  strip.showRange(store.getState().range);
  return store.subscribe((s, prev) => {
    if (s.window !== prev.window) strip.showWindow(s.window);
    if (s.range !== prev.range) strip.showRange(s.range);
  });
}

export function OverviewStrip() {
  const store = useViewStoreApi();
  const spans = useView((s) => s.spans);
  const filter = useView((s) => s.filter);
  const callPath = useView((s) => s.callPath);
  const box = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const { counted, current } = useCounted(spans, filter, callPath, useWidthPx(box));
  useEffect(() => {
    const element = svg.current;
    if (!element) return;
    if (!counted) return void element.replaceChildren(); // no bars of another table
    let unsubscribe = () => {};
    // after the next frame, in a task of its own: a first view's timeline frame comes first
    const cancel = afterNextFrame(() => (unsubscribe = drawStrip(element, store, counted)));
    return () => {
      cancel();
      unsubscribe();
    };
  }, [store, counted]);
  const peak = counted ? counted.values.reduce((a, b) => Math.max(a, b), 0) : 0;
  const scope =
    counted && (!isFilterEmpty(counted.filter) || counted.callPath) ? ' (filtered)' : '';
  return (
    <div
      ref={box}
      className="overview-strip"
      data-testid="overview-strip"
      title="Spans in progress over the whole capture. Drag to pick the time shown, drag the window to pan, click to centre it."
    >
      <svg ref={svg} aria-label="Overview of the capture" />
      {spans && (
        <span className="overview-peak" data-testid="overview-peak">
          {counted && current
            ? `peak ${peak.toLocaleString('en-US', { maximumFractionDigits: 1 })} spans in progress${scope}`
            : 'counting spans in progress…'}
        </span>
      )}
    </div>
  );
}
