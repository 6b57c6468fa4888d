import { describe, expect, test } from 'vitest';
import { formatTickNs, labelRows, tickValuesNs } from './histogram-scene';

describe('histogram axis', () => {
  test('tick labels are short, in adaptive units', () => {
    expect(formatTickNs(1)).toBe('1 ns');
    expect(formatTickNs(100)).toBe('100 ns');
    expect(formatTickNs(1000)).toBe('1 µs');
    expect(formatTickNs(2500)).toBe('2.5 µs');
    expect(formatTickNs(1e7)).toBe('10 ms');
    expect(formatTickNs(3e9)).toBe('3 s');
  });

  test('powers of ten over wide domains, 1-2-5 over narrow ones', () => {
    expect(tickValuesNs([1, 1e6])).toEqual([1, 10, 100, 1000, 1e4, 1e5, 1e6]);
    expect(tickValuesNs([1000, 10_000])).toEqual([1000, 2000, 5000, 10_000]);
    expect(tickValuesNs([1259, 7943])).toEqual([2000, 5000]);
  });

  test('close mark labels go up a row, up to three rows', () => {
    expect(labelRows([10, 100, 200])).toEqual([0, 0, 0]);
    expect(labelRows([10, 20, 30, 35, 100])).toEqual([0, 1, 2, 2, 0]);
  });
});
