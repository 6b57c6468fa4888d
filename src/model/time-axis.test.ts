import { describe, expect, test } from 'vitest';
import { axisTicks, clockDate, clockTime, decimalsFor, unitFor } from './time-axis';

const ORIGIN = 1_795_000_000_123_456_789n; // 2026-11-18T11:06:40.123456789Z

describe('axisTicks', () => {
  test('units adapt to the window: ns, µs, ms, s', () => {
    expect(axisTicks(0, 500, 1000, ORIGIN).ticks[1].offsetLabel).toMatch(/^\d+ ns$/);
    expect(axisTicks(0, 50_000, 1000, ORIGIN).ticks[1].offsetLabel).toMatch(/^\d+ µs$/);
    expect(axisTicks(0, 3e6, 1000, ORIGIN).ticks[1].offsetLabel).toBe('0.5 ms');
    expect(axisTicks(0, 90e9, 1000, ORIGIN).ticks[1].offsetLabel).toBe('10 s');
  });

  test('decimals follow the step, so a deep zoom far from the start stays exact', () => {
    const { stepNs, ticks } = axisTicks(100e9, 100e9 + 1000, 1000, ORIGIN);
    expect(stepNs).toBe(100);
    expect(ticks[0].offsetLabel).toBe('100.0000000 s');
    expect(ticks[1].offsetLabel).toBe('100.0000001 s');
    expect(ticks[1].clockLabel).toBe('11:08:20.1234568'); // origin + 100.0000001 s, 7 decimals
  });

  test('ticks are spaced and cover the window', () => {
    const { stepNs, ticks } = axisTicks(1234, 98765, 800, ORIGIN, 100);
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
});
