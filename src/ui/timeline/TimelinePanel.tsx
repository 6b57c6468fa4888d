// The timeline panel: a toolbar (name search with match stepping, compact rows), the
// shared chart canvas drawn by the timeline renderer, and a hover tooltip. Thin React shell: pointer
// moves, pans and hover go through the controller and store.subscribe, never through a render.
import { useDeferredValue, useEffect, useMemo, useRef } from 'react';
import { histogramNameIndex } from '../../store/view-state';
import { useView, useViewStoreApi } from '../store-context';
import { ChartCanvas, type ChartCanvasHandle } from '../chart/ChartCanvas';
import {
  groupsFigure,
  groupTriangles,
  showBusiestWindow,
  spanCenterClient,
  visibleSpanCount,
  windowPeakOpen,
} from './bench-hooks';
import { TimelineController, type TooltipView } from './timeline-controller';
import { handleGlobalKey, handleKey, handleWheel } from './timeline-input';
import { prepareGroups } from './timeline-groups';
import { TimelineToolbar } from './TimelineToolbar';
import { OverviewStrip } from './OverviewStrip';
import { RangeOverlay } from './RangeOverlay';
import { useTimelineData } from './use-timeline-data';
import './timeline.css';

/** Shows lines in the tooltip element near the pointer, kept inside the panel. */
function tooltipView(ref: React.RefObject<HTMLDivElement | null>): TooltipView {
  return {
    show(lines, xCss, yCss) {
      const el = ref.current;
      if (!el) return;
      el.replaceChildren(
        ...lines.filter(Boolean).map((line) => {
          const div = document.createElement('div');
          div.textContent = line;
          return div;
        }),
      );
      el.hidden = false;
      const box = el.parentElement!.getBoundingClientRect();
      const left = Math.min(xCss + 14, box.width - el.offsetWidth - 4);
      const top = yCss + 18 + el.offsetHeight > box.height ? yCss - el.offsetHeight - 8 : yCss + 18;
      el.style.transform = `translate(${Math.max(0, left)}px, ${Math.max(0, top)}px)`;
    },
    hide() {
      if (ref.current) ref.current.hidden = true;
    },
  };
}

/** Redraws on every view-state change the canvas shows (see TimelineController.connect). */
function useStoreRedraw(controller: TimelineController) {
  useEffect(() => controller.connect(), [controller]);
}

/** W/A/S/D, F, `/` and Ctrl+F from anywhere on the page (see handleGlobalKey). */
function useGlobalTimelineKeys(
  controller: TimelineController,
  root: React.RefObject<HTMLDivElement | null>,
) {
  useEffect(() => {
    const focusSearch = () => {
      const input = root.current?.querySelector<HTMLInputElement>('input[type="search"]');
      input?.focus();
      input?.select();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return; // the timeline, the tree or a dialog used it
      if (handleGlobalKey(controller, e, focusSearch)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [controller, root]);
}

/** window.__weft: frame counters and a way for e2e tests to find a span on screen. */
function useDebugHooks(
  controller: TimelineController,
  chart: React.RefObject<ChartCanvasHandle | null>,
) {
  useEffect(() => {
    const debug = (window.__weft ??= {});
    const stats = controller.stats;
    Object.defineProperties(debug, {
      timelineFrames: { get: () => stats.frames, configurable: true, enumerable: true },
      lastFrameMs: { get: () => stats.lastFrameMs, configurable: true, enumerable: true },
      lastFrameAtMs: { get: () => stats.lastFrameAtMs, configurable: true, enumerable: true },
    });
    debug.spanCenterCss = (span: number) =>
      spanCenterClient(controller, span, chart.current?.canvas() ?? null);
    debug.revealSpan = (span: number) => controller.reveal(span);
    debug.groupTriangles = () => groupTriangles(controller, chart.current?.canvas() ?? null);
    debug.groupsFigure = () => groupsFigure(controller);
    debug.showBusiestWindow = (widthNs: number) => showBusiestWindow(controller, widthNs);
    debug.visibleSpanCount = () => visibleSpanCount(controller);
    debug.windowPeakOpen = () => windowPeakOpen(controller);
    debug.setCompactRows = (on: boolean) => controller.store.getState().setCompactRows(on);
    // the spans the timeline outlines as the selection's critical path (the scene it draws)
    debug.outlinedCritical = () => controller.scene()?.critical ?? [];
  }, [controller, chart]);
}

export function TimelinePanel() {
  const store = useViewStoreApi();
  const spans = useView((s) => s.spans);
  const filter = useView((s) => s.filter);
  const callPath = useView((s) => s.callPath);
  // the typed text echoes at once; the emphasis of 1.76M spans follows in a deferred render
  const search = useDeferredValue(useView((s) => s.search));
  const brush = useView((s) => s.brush);
  const brushNameIndex = useView((s) => histogramNameIndex(s.spans, s.histogramName));
  const data = useTimelineData(spans, filter, callPath, search, brush, brushNameIndex);
  const chart = useRef<ChartCanvasHandle>(null);
  const tooltip = useRef<HTMLDivElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const controller = useMemo(
    () =>
      new TimelineController(
        store,
        () => chart.current?.requestDraw(),
        tooltipView(tooltip),
        () => root.current,
      ),
    [store],
  );
  useEffect(() => controller.setData(data), [controller, data]);
  useEffect(() => (data ? prepareGroups(data.layout, data.table) : undefined), [data]);
  useStoreRedraw(controller);
  useDebugHooks(controller, chart);
  useGlobalTimelineKeys(controller, root);
  useEffect(() => {
    const media = window.matchMedia?.('(prefers-color-scheme: dark)');
    const redraw = () => {
      controller.themes.invalidate();
      controller.requestDraw();
    };
    media?.addEventListener('change', redraw);
    return () => media?.removeEventListener('change', redraw);
  }, [controller]);
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.target instanceof HTMLInputElement) return;
    if (handleKey(controller, e.nativeEvent)) e.preventDefault();
  };
  return (
    <div ref={root} className="timeline-panel" data-testid="timeline-panel">
      <TimelineToolbar controller={controller} matches={data?.matches ?? null} />
      <OverviewStrip />
      <div className="timeline-body" tabIndex={0} onKeyDown={onKeyDown} aria-label="Timeline">
        <ChartCanvas
          handleRef={chart}
          testId="timeline-canvas"
          ariaLabel="Async span timeline"
          draw={(ctx, size) => controller.draw(ctx, size)}
          onHover={(p) => controller.hover(p)}
          onClick={(p) => {
            root.current?.querySelector<HTMLElement>('.timeline-body')?.focus();
            controller.click(p);
          }}
          onDoubleClick={(p) => {
            controller.click(p);
            controller.frameSelection();
          }}
          onDrag={(phase, dx, dy, p, e) => controller.drag(phase, dx, dy, p, e.shiftKey)}
          onWheel={(e, p) => handleWheel(controller, e, p)}
        />
        <div ref={tooltip} className="timeline-tooltip" hidden role="tooltip" />
        <RangeOverlay />
      </div>
    </div>
  );
}
