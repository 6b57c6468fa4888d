import { describe, expect, test } from 'vitest';
import {
  clampWindow,
  frameSpan,
  MIN_VISIBLE_FRACTION,
  MIN_WINDOW_NS,
  panBy,
  revealSpan,
  windowLimits,
  zoomAround,
} from './time-window';

const limits = windowLimits(0, 1e9);

describe('time window', () => {
  test('zoom keeps the anchor fixed', () => {
    const w = zoomAround({ startNs: 1e8, endNs: 3e8 }, 1.5e8, 0.5, limits);
    expect(w.endNs - w.startNs).toBeCloseTo(1e8);
    expect((1.5e8 - w.startNs) / (w.endNs - w.startNs)).toBeCloseTo(0.25);
  });

  test('zoom and clamp respect the limits', () => {
    const tiny = zoomAround({ startNs: 0, endNs: 100 }, 50, 1e-6, limits);
    expect(tiny.endNs - tiny.startNs).toBe(MIN_WINDOW_NS);
    const huge = zoomAround({ startNs: 0, endNs: 1e9 }, 5e8, 100, limits);
    expect(huge).toEqual({ startNs: limits.loNs, endNs: limits.hiNs });
  });

  test('panning past either end keeps part of the capture in view', () => {
    const shown = (w: { startNs: number; endNs: number }) =>
      Math.min(w.endNs, 1e9) - Math.max(w.startNs, 0);
    for (const width of [MIN_WINDOW_NS, 1e3, 1e8, 1e9, 2e9]) {
      const start = { startNs: 0, endNs: width };
      for (const deltaNs of [-1e12, -width, -1, 1, width, 1e12]) {
        const w = panBy(start, deltaNs, limits);
        expect(w.endNs - w.startNs).toBeCloseTo(Math.min(width, limits.hiNs - limits.loNs));
        const keep = Math.min(1e9, (w.endNs - w.startNs) * MIN_VISIBLE_FRACTION);
        expect(shown(w)).toBeGreaterThanOrEqual(keep - 1e-6);
        expect(w.startNs).toBeGreaterThanOrEqual(limits.loNs);
        expect(w.endNs).toBeLessThanOrEqual(limits.hiNs);
      }
    }
    // zoomed in at the end, far past it: the last quarter of the window still shows the capture
    const far = clampWindow({ startNs: 5e9, endNs: 5.1e9 }, limits);
    expect(far.startNs).toBeCloseTo(1e9 - 0.25e8);
    // a capture of one instant stays in the window
    const instant = windowLimits(500, 500);
    const w = panBy({ startNs: 0, endNs: 1000 }, 1e6, instant);
    expect(w.startNs <= 500 && w.endNs >= 500).toBe(true);
  });

  test('reveal pans only when the span is outside the window', () => {
    const w = { startNs: 0, endNs: 1000 };
    expect(revealSpan(w, 900, 2000, limits)).toBe(w);
    const panned = revealSpan(w, 5000, 5100, limits);
    expect(panned.endNs - panned.startNs).toBe(1000);
    expect((panned.startNs + panned.endNs) / 2).toBe(5050);
    const framed = revealSpan(w, 1e6, 1e6 + 5000, limits);
    expect(framed.startNs).toBeLessThan(1e6);
    expect(framed.endNs).toBeGreaterThan(1e6 + 5000);
    expect(frameSpan(10, 10, limits).endNs - frameSpan(10, 10, limits).startNs).toBeGreaterThan(0);
  });
});
