// The chart canvas' size from its box: a canvas' backing store is reallocated and cleared by
// every assignment to its width or height (and its next frame is a new layer to upload), so a
// resize that changes nothing assigns nothing.
import type { ChartSize } from './ChartCanvas';

/** Backing-store pixels for a CSS length (at least 1: a 0-pixel canvas cannot be drawn). */
export function backingPx(lengthCss: number, dpr: number): number {
  return Math.max(1, Math.round(lengthCss * dpr));
}

/** The size a box of `widthCss` × `heightCss` at `dpr` gives; null when it is `current`. */
export function changedSize(
  current: ChartSize,
  widthCss: number,
  heightCss: number,
  dpr: number,
): ChartSize | null {
  if (current.widthCss === widthCss && current.heightCss === heightCss && current.dpr === dpr)
    return null;
  return { widthCss, heightCss, dpr };
}
