// Work that can wait for the next frame: SVG panels drawn with d3 (the histogram, the timeline's
// overview strip) build hundreds of elements in a task of their own after the next frame, not in
// the task that rendered them. A view's first render put them, with a style recalculation and
// layout of what they built, between the new panels and the timeline's first frame (medium:
// ~70 ms of the first view's ~260 ms to its first frame).

export interface FrameScheduler {
  requestAnimationFrame(fn: () => void): number;
  cancelAnimationFrame(id: number): void;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

const browser: FrameScheduler = {
  requestAnimationFrame: (fn) => requestAnimationFrame(fn),
  cancelAnimationFrame: (id) => cancelAnimationFrame(id),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
};

/** Runs `fn` in a task after the next animation frame; returns a cancel (safe to call twice). */
export function afterNextFrame(fn: () => void, scheduler: FrameScheduler = browser): () => void {
  let timer: unknown = null;
  const frame = scheduler.requestAnimationFrame(() => {
    timer = scheduler.setTimeout(fn, 0);
  });
  return () => {
    scheduler.cancelAnimationFrame(frame);
    if (timer !== null) scheduler.clearTimeout(timer);
  };
}
