// The timeline's interaction state outside React: vertical scroll, pointer, hover tooltip, and
// what pointer, wheel and keys do to the view store (window, selection, hover). The panel creates
// one per mount; it asks the chart canvas for a redraw whenever something visible changes, and tells
// the view store the table it drew (what work behind a load's first view waits for: drawn.ts).
import type { StoreApi } from 'zustand/vanilla';
import { WindowRows } from '../../model/row-window';
import { stepMatch } from '../../model/search';
import {
  frameSpan,
  panBy,
  revealSpan,
  windowLimits,
  zoomAround,
  type WindowLimits,
} from '../../model/time-window';
import { fullWindow, type ViewStore } from '../../store/view-state';
import type { ChartPoint, ChartSize, DragPhase } from '../chart/ChartCanvas';
import {
  AXIS_CSS,
  lanesHeightCss as lanesHeight,
  lanesTopCss,
  maxScrollTopCss,
  rowCssFor,
  rowCssOf,
  nsPerCss,
  scrollToRow,
  timeAtCss,
  type TimelineGeometry,
} from './geometry';
import { criticalRows } from './critical-rows';
import {
  drawnEmphasis,
  groupMarkOf,
  groupViewOf,
  showGroupOf,
  toggleGroup,
} from './timeline-groups';
import { hitTest, type Hit } from './hit-test';
import type { FrameStats, TimelineScene, TooltipView } from './scene-types';
import { FALLBACK_THEME, ThemeReader, type TimelineTheme } from './theme';
import { drawTimeline } from './timeline-scene';
import { hitTooltipLines } from './tooltip-text';
import type { TimelineData } from './use-timeline-data';

/** Width of the strip on the right edge of the lanes that drags as a scroll bar. */
const SCROLLBAR_CSS = 10;

export type { FrameStats, TooltipView } from './scene-types';

export class TimelineController {
  data: TimelineData | null = null;
  scrollTopCss = 0;
  size: ChartSize = { widthCss: 0, heightCss: 0, dpr: 1 };
  pointer: ChartPoint | null = null;
  readonly stats: FrameStats = { frames: 0, lastFrameMs: 0, lastFrameAtMs: 0 };
  private theme: TimelineTheme = FALLBACK_THEME;
  /** Read once; invalidated when the colour scheme changes (TimelinePanel). */
  readonly themes = new ThemeReader(() => this.themeSource());
  private processId: string | null = null;
  private dragScrollbar = false;
  private dragging = false;
  /** Where a range selection drag began (relative ns), or null. */
  private rangeAnchorNs: number | null = null;
  private readonly shown = new WindowRows();

  constructor(
    readonly store: StoreApi<ViewStore>,
    readonly requestDraw: () => void,
    private readonly tooltip: TooltipView,
    private readonly themeSource: () => Element | null,
  ) {}

  /**
   * Follows the view store: redraws on every change the canvas shows, reveals a span selected
   * elsewhere, and re-hit-tests the pointer when the window moves under it. Returns an unsubscribe.
   */
  connect(): () => void {
    return this.store.subscribe((s, prev) => {
      // a selection made elsewhere is revealed; one remapped by a live update is left alone, and
      // one that comes with its own window (a link, a history entry: url-state) keeps that window
      const picked =
        s.selected !== prev.selected && s.spans === prev.spans && s.window === prev.window;
      if (picked && s.selected >= 0) this.reveal(s.selected);
      const regrouped =
        s.groupsCollapsed !== prev.groupsCollapsed || s.groupsFlipped !== prev.groupsFlipped;
      if (regrouped) this.scrollBy(0); // clamps to the rows now shown, redraws
      const rowRatio = rowCssFor(s.compactRows) / rowCssFor(prev.compactRows);
      if (rowRatio !== 1) this.scrollBy(this.scrollTopCss * (rowRatio - 1)); // same rows on top
      if (s.window !== prev.window) this.pointerMoved();
      if (s.window !== prev.window || s.selected !== prev.selected || s.hovered !== prev.hovered)
        this.requestDraw();
    });
  }

  /**
   * The lanes moved under a still pointer (keys, F, double-click, a zoom from elsewhere, scroll):
   * the hover and tooltip describe what is under the pointer now, or go.
   */
  private pointerMoved(): void {
    if (this.dragging) return;
    if (this.pointer) this.hover(this.pointer);
    else this.tooltip.hide();
  }

  setData(data: TimelineData | null): void {
    // a newer table of the same process (live view) keeps the scroll; another process starts over
    const { processId } = this.store.getState();
    if (processId !== this.processId) this.scrollTopCss = 0;
    this.processId = processId;
    this.data = data;
    this.clampScroll();
    this.pointerMoved();
    this.requestDraw();
  }

  geometry(): TimelineGeometry {
    const { window, compactRows } = this.store.getState();
    const d = this.data;
    const rows = groupViewOf(this)?.rows;
    const shownRows = d && rows && this.shown.of(rows, d.table, window.startNs, window.endNs);
    return {
      ...this.size,
      startNs: window.startNs,
      endNs: window.endNs,
      threadCount: this.data?.table.threads.length ?? 0,
      rowCount: shownRows?.layoutRow.length ?? 0,
      scrollTopCss: this.scrollTopCss,
      shownRows,
      rowCss: rowCssFor(compactRows),
    };
  }

  scene(): TimelineScene | null {
    const d = this.data;
    if (!d) return null;
    const { selected, hovered } = this.store.getState();
    const groups = groupViewOf(this) ?? undefined;
    // The data's own fields (table, layout, events, colours), the drawn rows and this frame's state.
    const emphasis = drawnEmphasis(d.emphasis, groups);
    return {
      ...d,
      groups,
      emphasis,
      geometry: this.geometry(),
      selected,
      hovered,
      pointer: this.pointer,
      critical: criticalRows(d.table, selected),
      theme: this.theme,
    };
  }

  draw(ctx: CanvasRenderingContext2D, size: ChartSize): void {
    const started = performance.now();
    this.size = size;
    this.clampScroll();
    this.theme = this.themes.current();
    const scene = this.scene();
    if (!scene) return;
    drawTimeline(ctx, scene);
    if (this.store.getState().drawn !== scene.table) this.store.setState({ drawn: scene.table });
    this.stats.frames++;
    this.stats.lastFrameAtMs = performance.now();
    this.stats.lastFrameMs = this.stats.lastFrameAtMs - started;
  }

  limits(): WindowLimits {
    const t = this.data?.table;
    return windowLimits(t?.captureBeginNs ?? 0, t?.captureEndNs ?? 1e9);
  }

  hitAt(point: ChartPoint): Hit | null {
    const scene = this.scene();
    return scene ? hitTest(scene, point.xCss, point.yCss) : null;
  }

  hover(point: ChartPoint | null): void {
    // name plates under the pointer fade: redraw while it moves over (or leaves) the thread lanes
    if (this.overThreads(point) || this.overThreads(this.pointer)) this.requestDraw();
    this.pointer = point;
    const hit = point && this.hitAt(point);
    const span = hit ? hit.span : -1;
    if (this.store.getState().hovered !== span) this.store.getState().hover(span);
    if (hit && point && this.data)
      this.tooltip.show(
        hitTooltipLines(this.data.table, hit.span, hit.part, groupMarkOf(this, hit)),
        point.xCss,
        point.yCss,
      );
    else this.tooltip.hide();
  }

  private overThreads(point: ChartPoint | null): boolean {
    return point !== null && point.yCss >= AXIS_CSS && point.yCss < lanesTopCss(this.geometry());
  }

  /**
   * Selects the span clicked, or collapses / expands a group by its triangle; a click on empty
   * space only gives the timeline the keyboard.
   */
  click(point: ChartPoint): void {
    const hit = this.hitAt(point);
    if (hit?.part === 'group') toggleGroup(this, hit.span);
    else if (hit) this.store.getState().select(hit.span);
  }

  /**
   * Drag pans time and scrolls the lanes; a drag that starts on the scroll thumb scrolls; a
   * Shift+drag, or a drag that starts on the time axis, selects a time range.
   */
  drag(phase: DragPhase, dxCss: number, dyCss: number, point: ChartPoint, shift = false): void {
    const g = this.geometry();
    this.dragging = phase !== 'end';
    this.store.getState().setGesture(this.dragging); // one history entry per drag
    if (phase === 'start') {
      this.dragScrollbar = point.xCss >= g.widthCss - SCROLLBAR_CSS && point.yCss >= lanesTopCss(g);
      this.rangeAnchorNs = shift || point.yCss < AXIS_CSS ? timeAtCss(g, point.xCss) : null;
      return;
    }
    if (this.rangeAnchorNs !== null) {
      const [a, b] = [this.rangeAnchorNs, timeAtCss(g, point.xCss)];
      this.store.getState().setRange({ startNs: Math.min(a, b), endNs: Math.max(a, b) });
      if (phase === 'end') this.rangeAnchorNs = null;
      return;
    }
    if (phase !== 'move') return;
    this.tooltip.hide();
    if (this.dragScrollbar) {
      const viewCss = Math.max(1, lanesHeight(g));
      this.scrollBy((dyCss * g.rowCount * rowCssOf(g)) / viewCss);
      return;
    }
    const w = this.store.getState().window;
    if (dxCss !== 0) this.store.getState().setWindow(panBy(w, -dxCss * nsPerCss(g), this.limits()));
    if (dyCss !== 0) this.scrollBy(-dyCss);
  }

  scrollBy(dyCss: number): void {
    this.scrollTopCss += dyCss;
    this.clampScroll();
    this.pointerMoved();
    this.requestDraw();
  }

  private clampScroll(): void {
    const max = maxScrollTopCss(this.geometry());
    this.scrollTopCss = Math.min(max, Math.max(0, this.scrollTopCss));
  }

  /** Zooms by `factor` around the pointer (or the middle of the view). */
  zoom(factor: number, xCss?: number): void {
    const g = this.geometry();
    const anchorNs = timeAtCss(g, xCss ?? this.pointer?.xCss ?? g.widthCss / 2);
    const w = this.store.getState().window;
    this.store.getState().setWindow(zoomAround(w, anchorNs, factor, this.limits()));
  }

  pan(fraction: number): void {
    const w = this.store.getState().window;
    this.store.getState().setWindow(panBy(w, (w.endNs - w.startNs) * fraction, this.limits()));
  }

  /** Zooms to the selected span, or to the whole capture when nothing is selected. */
  frameSelection(): void {
    const { selected, setWindow } = this.store.getState();
    const t = this.data?.table;
    if (!t) return;
    if (selected >= 0 && selected < t.length) {
      setWindow(frameSpan(t.beginNs[selected], t.endNs[selected], this.limits()));
      this.revealRow(selected);
    } else setWindow(fullWindow(t));
  }

  /** Pans to a span outside the window and scrolls its row into view. */
  reveal(span: number): void {
    const t = this.data?.table;
    if (!t || span < 0 || span >= t.length) return;
    const { window, setWindow } = this.store.getState();
    const next = revealSpan(window, t.beginNs[span], t.endNs[span], this.limits());
    if (next !== window) setWindow(next);
    showGroupOf(this, span);
    this.revealRow(span);
  }

  revealRow(span: number): void {
    const row = this.data?.layout.row[span] ?? -1;
    if (row < 0 || this.size.heightCss === 0) return;
    this.scrollBy(scrollToRow(this.geometry(), row) - this.scrollTopCss);
  }

  /** Selects and reveals the next (1) or previous (-1) match; false when there is none. */
  step(direction: 1 | -1): boolean {
    const matches = this.data?.matches;
    if (!matches || matches.length === 0) return false;
    const next = stepMatch(matches, this.store.getState().selected, direction);
    this.store.getState().select(next);
    this.reveal(next);
    return true;
  }
}
