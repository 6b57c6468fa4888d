// Pan and zoom arithmetic on a time window (relative ns): zoom around an anchor, pan, keep the
// window within sane limits, frame a span. Pure: no DOM.

export interface Window {
  startNs: number;
  endNs: number;
}

/** The narrowest window: 20 ns across the whole view. */
export const MIN_WINDOW_NS = 20;

/** Limits for a capture: at most `maxSpanNs` wide and never wholly outside [loNs, hiNs]. */
export interface WindowLimits {
  loNs: number;
  hiNs: number;
}

export function windowLimits(captureBeginNs: number, captureEndNs: number): WindowLimits {
  const pad = Math.max(1000, (captureEndNs - captureBeginNs) * 0.5);
  return { loNs: captureBeginNs - pad, hiNs: captureEndNs + pad };
}

/** Keeps the width within [MIN_WINDOW_NS, limits width] and the window inside the limits. */
export function clampWindow(w: Window, limits: WindowLimits): Window {
  const maxWidth = limits.hiNs - limits.loNs;
  const width = Math.min(maxWidth, Math.max(MIN_WINDOW_NS, w.endNs - w.startNs));
  const center = (w.startNs + w.endNs) / 2;
  let startNs = center - width / 2;
  if (startNs < limits.loNs) startNs = limits.loNs;
  if (startNs + width > limits.hiNs) startNs = limits.hiNs - width;
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
