// The one shared chart canvas: fills its container, sizes its backing store in device pixels
// (ResizeObserver × devicePixelRatio; untouched when the size did not change, and drawn at once
// when it changed), draws at most once per animation frame (requestDraw coalesces), and turns pointer
// input into hover / click / drag / wheel / double-click callbacks with a click-vs-drag threshold
// and pointer capture. It knows nothing about what it draws.
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import { backingPx, changedSize } from './canvas-size';

export interface ChartSize {
  widthCss: number;
  heightCss: number;
  /** Device pixels per CSS pixel; the backing store is widthCss × dpr wide (rounded). */
  dpr: number;
}

/** A pointer position in CSS pixels relative to the canvas' top-left corner. */
export interface ChartPoint {
  xCss: number;
  yCss: number;
}

export type DragPhase = 'start' | 'move' | 'end';

export interface ChartCanvasHandle {
  /** Schedules a draw on the next animation frame (several calls, one draw). */
  requestDraw(): void;
  canvas(): HTMLCanvasElement | null;
}

export interface ChartCanvasProps {
  /** Called with an identity transform; coordinates are device pixels. */
  draw(ctx: CanvasRenderingContext2D, size: ChartSize): void;
  onHover?(point: ChartPoint | null): void;
  onClick?(point: ChartPoint, event: PointerEvent): void;
  onDoubleClick?(point: ChartPoint, event: MouseEvent): void;
  /**
   * Deltas since the previous drag callback, in CSS pixels; 'start' comes with the point where
   * the press began, and every phase with the pointer event (modifier keys).
   */
  onDrag?(
    phase: DragPhase,
    dxCss: number,
    dyCss: number,
    point: ChartPoint,
    event: PointerEvent,
  ): void;
  onWheel?(event: WheelEvent, point: ChartPoint): void;
  handleRef?: Ref<ChartCanvasHandle>;
  testId?: string;
  ariaLabel?: string;
  cursor?: string;
}

/** Pointer travel (CSS px) below which a press-release is a click, not a drag. */
export const CLICK_SLOP_CSS = 4;

interface PressState {
  pointerId: number;
  startX: number;
  startY: number;
  lastX: number;
  lastY: number;
  dragging: boolean;
}

function pointOf(canvas: HTMLCanvasElement, e: MouseEvent): ChartPoint {
  const rect = canvas.getBoundingClientRect();
  return { xCss: e.clientX - rect.left, yCss: e.clientY - rect.top };
}

/** One frame of `props.draw` into the canvas (none before the canvas has a size). */
function drawInto(canvas: HTMLCanvasElement | null, size: ChartSize, props: ChartCanvasProps) {
  const ctx = canvas?.getContext('2d');
  if (!ctx || size.widthCss === 0) return;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  props.draw(ctx, size);
}

/** Draw scheduling and sizing: returns requestDraw, bound to the latest props. */
function useDrawLoop(
  canvasRef: React.RefObject<HTMLCanvasElement | null>,
  props: React.RefObject<ChartCanvasProps>,
) {
  const pending = useRef(0);
  const size = useRef<ChartSize>({ widthCss: 0, heightCss: 0, dpr: 1 });
  const drawNow = useRef(() => {
    cancelAnimationFrame(pending.current);
    pending.current = 0;
    drawInto(canvasRef.current, size.current, props.current);
  });
  const requestDraw = useRef(() => {
    if (!pending.current) pending.current = requestAnimationFrame(drawNow.current);
  });
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const box = canvas.parentElement!;
    const resize = () => {
      const dpr = window.devicePixelRatio || 1;
      const next = changedSize(size.current, box.clientWidth, box.clientHeight, dpr);
      if (!next) return; // same size: the drawn frame stays
      const first = size.current.widthCss === 0;
      size.current = next;
      canvas.width = backingPx(next.widthCss, dpr);
      canvas.height = backingPx(next.heightCss, dpr);
      canvas.style.width = `${next.widthCss}px`;
      canvas.style.height = `${next.heightCss}px`;
      // a resized canvas is blank: drawn now, in this frame (observers run after its layout,
      // before its paint). Not a first one: its frame would join the task of the page's first
      // layout with the new panels (large's preview, traced: 120 ms of layout + 90 ms of draw)
      if (first) requestDraw.current();
      else drawNow.current();
    };
    const observer = new ResizeObserver(resize);
    // no measure now: the observer's first call (after the next layout) measures; reading the
    // size here would lay out the whole page, the new panels included, in the commit's task
    observer.observe(box);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(pending.current);
      pending.current = 0;
    };
  }, [canvasRef]);
  return requestDraw.current;
}

/** Pointer, wheel and double-click listeners, bound once, calling the latest props. */
function usePointerInput(
  canvasRef: React.RefObject<HTMLCanvasElement | null>,
  props: React.RefObject<ChartCanvasProps>,
) {
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    let press: PressState | null = null;
    const down = (e: PointerEvent) => {
      if (e.button !== 0) return;
      canvas.setPointerCapture(e.pointerId);
      press = {
        pointerId: e.pointerId,
        startX: e.clientX,
        startY: e.clientY,
        lastX: e.clientX,
        lastY: e.clientY,
        dragging: false,
      };
    };
    const move = (e: PointerEvent) => {
      const p = pointOf(canvas, e);
      if (!press || press.pointerId !== e.pointerId) return props.current.onHover?.(p);
      const travel = Math.hypot(e.clientX - press.startX, e.clientY - press.startY);
      if (!press.dragging && travel < CLICK_SLOP_CSS) return;
      if (!press.dragging) {
        const rect = canvas.getBoundingClientRect();
        const start = { xCss: press.startX - rect.left, yCss: press.startY - rect.top };
        props.current.onDrag?.('start', 0, 0, start, e);
      }
      press.dragging = true;
      props.current.onDrag?.('move', e.clientX - press.lastX, e.clientY - press.lastY, p, e);
      press.lastX = e.clientX;
      press.lastY = e.clientY;
    };
    const up = (e: PointerEvent) => {
      if (!press || press.pointerId !== e.pointerId) return;
      const p = pointOf(canvas, e);
      if (press.dragging) props.current.onDrag?.('end', 0, 0, p, e);
      else props.current.onClick?.(p, e);
      press = null;
      if (canvas.hasPointerCapture(e.pointerId)) canvas.releasePointerCapture(e.pointerId);
    };
    const cancel = (e: PointerEvent) => {
      if (press?.dragging) props.current.onDrag?.('end', 0, 0, pointOf(canvas, e), e);
      press = null;
    };
    const leave = () => {
      if (!press) props.current.onHover?.(null);
    };
    const wheel = (e: WheelEvent) => {
      if (!props.current.onWheel) return;
      e.preventDefault();
      props.current.onWheel(e, pointOf(canvas, e));
    };
    const dbl = (e: MouseEvent) => props.current.onDoubleClick?.(pointOf(canvas, e), e);
    const listeners: [string, EventListener][] = [
      ['pointerdown', down as EventListener],
      ['pointermove', move as EventListener],
      ['pointerup', up as EventListener],
      ['pointercancel', cancel as EventListener],
      ['pointerleave', leave],
      ['dblclick', dbl as EventListener],
    ];
    for (const [type, fn] of listeners) canvas.addEventListener(type, fn);
    canvas.addEventListener('wheel', wheel, { passive: false });
    return () => {
      for (const [type, fn] of listeners) canvas.removeEventListener(type, fn);
      canvas.removeEventListener('wheel', wheel);
    };
  }, [canvasRef, props]);
}

export function ChartCanvas(props: ChartCanvasProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const latest = useRef(props);
  latest.current = props;
  const requestDraw = useDrawLoop(canvasRef, latest);
  usePointerInput(canvasRef, latest);
  const { handleRef } = props;
  useImperativeHandle(handleRef, () => ({ requestDraw, canvas: () => canvasRef.current }), [
    requestDraw,
  ]);
  return (
    <div style={{ position: 'absolute', inset: 0, overflow: 'hidden' }}>
      <canvas
        ref={canvasRef}
        data-testid={props.testId}
        aria-label={props.ariaLabel}
        role="img"
        style={{ display: 'block', touchAction: 'none', cursor: props.cursor }}
      />
    </div>
  );
}
