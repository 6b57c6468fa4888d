import { describe, expect, test } from 'vitest';
import { axisTicks, clockDate, clockTime, decimalsFor, nextStep, unitFor } from './time-axis';

const ORIGIN = 1_795_000_000_123_456_789n; // 2026-11-18T11:06:40.123456789Z

describe('axisTicks', () => {
  test('units adapt to the window: ns, µs, ms, s', () => {
    expect(axisTicks(0, 500, 1000, ORIGIN).ticks[1].offsetLabel).toMatch(/^\d+ ns$/);
    expect(axisTicks(0, 50_000, 1000, ORIGIN).ticks[1].offsetLabel).toMatch(/^\d+ µs$/);
    expect(axisTicks(0, 3e6, 1000, ORIGIN).ticks[1].offsetLabel).toBe('0.5 ms');
    expect(axisTicks(0, 90e9, 1000, ORIGIN).ticks[1].offsetLabel).toBe('10 s');
  });

  test('decimals follow the step, so a deep zoom far from the start stays exact', () => {
    const { stepNs, ticks } = axisTicks(100e9, 100e9 + 1000, 2000, ORIGIN);
    expect(stepNs).toBe(100);
    expect(ticks[0].offsetLabel).toBe('100.0000000 s');
    expect(ticks[1].offsetLabel).toBe('100.0000001 s');
    expect(ticks[1].clockLabel).toBe('11:08:20.1234568'); // origin + 100.0000001 s, 7 decimals
  });

  test('ticks are spaced and cover the window', () => {
    const { stepNs, ticks } = axisTicks(1234, 98765, 800, ORIGIN, { minSpacingCss: 100 });
    expect(ticks.length).toBeGreaterThanOrEqual(4);
    expect(ticks.length).toBeLessThanOrEqual(10);
    for (const t of ticks) {
      expect(t.timeNs % stepNs).toBe(0);
      expect(t.timeNs).toBeGreaterThanOrEqual(1234);
      expect(t.timeNs).toBeLessThanOrEqual(98765);
    }
  });

  test('clock labels are UTC time of day of origin + offset', () => {
    expect(clockTime(1_795_000_000_123_456_789n, 9)).toBe('11:06:40.123456789');
    expect(clockTime(1_795_000_000_123_456_789n, 3)).toBe('11:06:40.123');
    expect(clockTime(1_795_000_000_123_456_789n, 0)).toBe('11:06:40');
    expect(clockDate(1_795_000_000_123_456_789n)).toBe('2026-11-18');
    const { ticks } = axisTicks(0, 3e6, 1000, 1_795_000_000_000_000_000n);
    expect(ticks[1].clockLabel).toBe('11:06:40.0005');
  });

  test('unit and decimal helpers', () => {
    expect(unitFor(999).name).toBe('ns');
    expect(unitFor(1000).name).toBe('µs');
    expect(unitFor(2e9).name).toBe('s');
    expect(decimalsFor(500, 1e6)).toBe(4);
    expect(decimalsFor(2e6, 1e6)).toBe(0);
    expect(decimalsFor(1e5, 1e6)).toBe(1);
  });

  test('1-2-5 steps', () => {
    expect([1, 2, 5, 10, 20, 50, 1e9, 2e9, 5e9].map(nextStep)).toEqual([
      2, 5, 10, 20, 50, 100, 2e9, 5e9, 1e10,
    ]);
  });
});

describe('axis labels never overlap', () => {
  // Widths from 1 ns to 10 hours (×1.05 apart), at several panel widths, near the process start
  // and far from it, with a label width of 6.4 px per character (the 11 px UI font's digits).
  const measureCss = (text: string) => 6.4 * text.length;
  const gapCss = 8;
  const windows: number[] = [];
  for (let w = 1; w <= 10 * 3600e9; w *= 1.05) windows.push(w);
  const starts = (w: number) => [0, 1234.5 * w, 3_723e9 + 17];

  test.each([300, 799, 1400, 2800])('panel %i px wide', (widthCss) => {
    let checked = 0;
    for (const w of windows)
      for (const startNs of starts(w)) {
        const { ticks } = axisTicks(startNs, startNs + w, widthCss, ORIGIN, { measureCss, gapCss });
        const xCss = (t: number) => ((t - startNs) / w) * widthCss;
        for (let i = 1; i < ticks.length; i++) {
          const roomCss = xCss(ticks[i].timeNs) - xCss(ticks[i - 1].timeNs);
          const prev = ticks[i - 1];
          const widest = Math.max(measureCss(prev.offsetLabel), measureCss(prev.clockLabel));
          if (roomCss < widest + gapCss)
            throw new Error(`window ${w} ns at ${startNs}: ${prev.clockLabel} overlaps`);
          checked++;
        }
        // labels still tell ticks apart
        expect(new Set(ticks.map((t) => t.clockLabel)).size).toBe(ticks.length);
      }
    expect(checked).toBeGreaterThan(windows.length);
  });

  test('a window of 150 ns over 1400 px (the reported overlap) has room for its clock labels', () => {
    const { ticks } = axisTicks(5e6, 5e6 + 150, 1400, ORIGIN, { measureCss: (t) => 7 * t.length });
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    const roomCss = ((ticks[1].timeNs - ticks[0].timeNs) / 150) * 1400;
    expect(roomCss).toBeGreaterThan(7 * ticks[0].clockLabel.length);
  });
});
