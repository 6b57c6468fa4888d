// The overview strip above the lanes: how many spans are in progress over the whole capture
// (mean per bucket of BUCKET_PX, from the columnar span table: src/model/overview.ts, equal to
// SQL over async_spans), under the filter bar and the call path as the lanes are, with the time
// window as a brush to drag, resize or click (overview-strip.ts). React shell only: the window
// reaches the drawing through store.subscribe, never through a render.
import { useEffect, useMemo, useRef, useState } from 'react';
import { filterMaskOf } from '../../model/analysis';
import { busyBuckets, concurrency } from '../../model/overview';
import { isFilterEmpty } from '../../model/span-filter';
import { clampWindow, windowLimits } from '../../model/time-window';
import { useView, useViewStoreApi } from '../store-context';
import { drawOverviewStrip } from './overview-strip';

/** Pixels per bucket. */
const BUCKET_PX = 3;
const HEIGHT_PX = 34;

function useWidthPx(ref: React.RefObject<HTMLElement | null>): number {
  const [widthPx, setWidthPx] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidthPx(Math.floor(el.clientWidth));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return widthPx;
}

export function OverviewStrip() {
  const store = useViewStoreApi();
  const spans = useView((s) => s.spans);
  const filter = useView((s) => s.filter);
  const callPath = useView((s) => s.callPath);
  const box = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const widthPx = useWidthPx(box);
  const values = useMemo(() => {
    if (!spans || widthPx <= 0) return null;
    const mask = filterMaskOf(spans, filter, callPath);
    return concurrency(busyBuckets(spans, mask, Math.max(1, Math.floor(widthPx / BUCKET_PX))));
  }, [spans, filter, callPath, widthPx]);
  useEffect(() => {
    if (!svg.current || !spans || !values) return;
    const limits = windowLimits(spans.captureBeginNs, spans.captureEndNs);
    const strip = drawOverviewStrip(svg.current, {
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
  }, [store, spans, values, widthPx]);
  const peak = values ? values.reduce((a, b) => Math.max(a, b), 0) : 0;
  const scope = isFilterEmpty(filter) && !callPath ? '' : ' (filtered)';
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
          peak {peak.toLocaleString('en-US', { maximumFractionDigits: 1 })} spans in progress
          {scope}
        </span>
      )}
    </div>
  );
}
