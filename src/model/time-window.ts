// Pan and zoom arithmetic on a time window (relative ns): zoom around an anchor, pan, keep the
// window within sane limits, frame a span. Pure: no DOM.

export interface Window {
  startNs: number;
  endNs: number;
}

/** The narrowest window: 20 ns across the whole view. */
export const MIN_WINDOW_NS = 20;

/**
 * Limits for a capture: the window stays inside [loNs, hiNs] (so at most that wide) and always
 * shows part of the capture [beginNs, endNs].
 */
export interface WindowLimits {
  loNs: number;
  hiNs: number;
  beginNs: number;
  endNs: number;
}

/**
 * The share of the window the capture keeps covering when panned past either end (all of the
 * capture when it is narrower than that): panning never leaves an empty view.
 */
export const MIN_VISIBLE_FRACTION = 0.25;

export function windowLimits(captureBeginNs: number, captureEndNs: number): WindowLimits {
  const pad = Math.max(1000, (captureEndNs - captureBeginNs) * 0.5);
  return {
    loNs: captureBeginNs - pad,
    hiNs: captureEndNs + pad,
    beginNs: captureBeginNs,
    endNs: captureEndNs,
  };
}

/**
 * Keeps the width within [MIN_WINDOW_NS, limits width], the window inside the limits, and at
 * least MIN_VISIBLE_FRACTION of it (or the whole capture) over the capture.
 */
export function clampWindow(w: Window, limits: WindowLimits): Window {
  const maxWidth = limits.hiNs - limits.loNs;
  const width = Math.min(maxWidth, Math.max(MIN_WINDOW_NS, w.endNs - w.startNs));
  const center = (w.startNs + w.endNs) / 2;
  const keepNs = Math.min(limits.endNs - limits.beginNs, width * MIN_VISIBLE_FRACTION);
  let startNs = center - width / 2;
  startNs = Math.min(startNs, limits.endNs - keepNs, limits.hiNs - width);
  startNs = Math.max(startNs, limits.beginNs + keepNs - width, limits.loNs);
  return { startNs, endNs: startNs + width };
}

/** Zooms by `factor` (< 1 zooms in) keeping the time under `anchorNs` fixed. */
export function zoomAround(
  w: Window,
  anchorNs: number,
  factor: number,
  limits: WindowLimits,
): Window {
  const maxWidth = limits.hiNs - limits.loNs;
  const width = w.endNs - w.startNs;
  const next = Math.min(maxWidth, Math.max(MIN_WINDOW_NS, width * factor));
  const f = next / width;
  return clampWindow(
    { startNs: anchorNs - (anchorNs - w.startNs) * f, endNs: anchorNs + (w.endNs - anchorNs) * f },
    limits,
  );
}

export function panBy(w: Window, deltaNs: number, limits: WindowLimits): Window {
  return clampWindow({ startNs: w.startNs + deltaNs, endNs: w.endNs + deltaNs }, limits);
}

/** A window that frames [beginNs, endNs] with a margin on each side. */
export function frameSpan(beginNs: number, endNs: number, limits: WindowLimits): Window {
  const width = Math.max(MIN_WINDOW_NS * 5, (endNs - beginNs) * 1.25);
  const center = (beginNs + endNs) / 2;
  return clampWindow({ startNs: center - width / 2, endNs: center + width / 2 }, limits);
}

/**
 * The window after revealing a span: unchanged when the span is (partly) visible, else panned to
 * centre it, or framed when it is wider than the window.
 */
export function revealSpan(
  w: Window,
  beginNs: number,
  endNs: number,
  limits: WindowLimits,
): Window {
  if (endNs >= w.startNs && beginNs <= w.endNs) return w;
  const width = w.endNs - w.startNs;
  if (endNs - beginNs > width) return frameSpan(beginNs, endNs, limits);
  const center = (beginNs + endNs) / 2;
  return clampWindow({ startNs: center - width / 2, endNs: center + width / 2 }, limits);
}
