import { describe, expect, test } from 'vitest';
import {
  clampWindow,
  frameSpan,
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
    expect(panBy({ startNs: 0, endNs: 1e8 }, -1e12, limits).startNs).toBe(limits.loNs);
    expect(clampWindow({ startNs: 5e9, endNs: 5.1e9 }, limits).endNs).toBe(limits.hiNs);
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
