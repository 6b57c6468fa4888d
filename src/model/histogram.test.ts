import { describe, expect, test } from 'vitest';
import {
  BIN_COUNT,
  binExtentNs,
  binLowNs,
  binOfNs,
  brushToRange,
  countInRange,
  histogramDomainNs,
  rangeToBrushNs,
  spanInBrush,
  type DurationHistogram,
} from './histogram';
import { SPAN_COMPLETE, SPAN_OPEN } from './span-table';
import { makeSpanTable } from './testing';

describe('log bin edges', () => {
  test('bin 0 holds zero-length and 1 ns spans; decades start at powers of ten', () => {
    expect(binLowNs(0)).toBe(0);
    expect(binOfNs(0)).toBe(0);
    expect(binOfNs(1)).toBe(0);
    expect(binLowNs(10)).toBe(10);
    expect(binLowNs(30)).toBe(1000);
    expect(binLowNs(60)).toBe(1_000_000);
    expect(binOfNs(999)).toBe(29);
    expect(binOfNs(1000)).toBe(30);
    expect(binOfNs(1_000_000_000)).toBe(90);
    expect(binOfNs(999_999_999)).toBe(89);
  });

  test('the edges kept in a table equal their definition, ceil(10^(b/10))', () => {
    for (let b = 1; b < BIN_COUNT; b++) expect(binLowNs(b)).toBe(Math.ceil(10 ** (b / 10)));
  });

  test('edges are non-decreasing integers and every duration falls inside its bin', () => {
    for (let b = 1; b < BIN_COUNT; b++) {
      expect(Number.isInteger(binLowNs(b))).toBe(true);
      expect(binLowNs(b)).toBeGreaterThanOrEqual(binLowNs(b - 1));
    }
    const samples = [0, 1, 2, 3, 5, 9, 10, 11, 99, 100, 101, 125, 126, 1259, 1260, 12_589, 12_590];
    for (let d = 1; d < 1e15; d *= 1.37) samples.push(Math.floor(d), Math.ceil(d));
    for (const d of samples) {
      const b = binOfNs(d);
      expect(d).toBeGreaterThanOrEqual(binLowNs(b));
      if (b < BIN_COUNT - 1) expect(d).toBeLessThan(binLowNs(b + 1));
    }
  });

  test('each edge is the smallest integer ≥ 10^(b/10)', () => {
    for (let b = 1; b < BIN_COUNT; b++) {
      const low = binLowNs(b);
      expect(low - 1 < 10 ** (b / 10) || low === 1).toBe(true);
      expect(binOfNs(low)).toBeGreaterThanOrEqual(b);
      expect(binOfNs(low - 1)).toBeLessThan(b);
    }
  });

  test('durations beyond the last edge go to the last bin', () => {
    expect(binOfNs(1e18)).toBe(BIN_COUNT - 1);
    expect(binOfNs(-5)).toBe(0);
  });
});

const histogram = (bins: [number, number][]): DurationHistogram => ({
  bins: bins.map(([bin, count]) => ({ bin, count })),
  count: bins.reduce((n, [, c]) => n + c, 0),
  excludedCount: 0,
  p50Ns: 0,
  p90Ns: 0,
  p99Ns: 0,
  discrete: { p50Ns: 0, p90Ns: 0, p99Ns: 0 },
  minNs: 0,
  maxNs: 0,
});

describe('brush mapping', () => {
  test('brush ends snap to the nearest bin edge', () => {
    // 1.05 µs is just past the 1 µs edge, 9.5 µs is nearer 10 µs than 7.95 µs.
    expect(brushToRange(1050, 9500)).toEqual({ minNs: 1000, maxNs: 9999 });
    expect(brushToRange(9500, 1050)).toEqual({ minNs: 1000, maxNs: 9999 });
    // 1.2 µs is nearer 1.259 µs (bin 31) than 1 µs.
    expect(brushToRange(1200, 2000)).toEqual({ minNs: 1259, maxNs: 1995 });
  });

  test('a brush inside one bin selects that bin', () => {
    expect(brushToRange(1100, 1150)).toEqual({ minNs: 1000, maxNs: 1258 });
  });

  test('a brush starting at the axis minimum includes zero-length spans', () => {
    expect(brushToRange(1, 10)?.minNs).toBe(0);
  });

  test('non-finite input selects nothing', () => {
    expect(brushToRange(NaN, 10)).toBeNull();
  });

  test('rangeToBrushNs draws the snapped range back at its edges', () => {
    for (const [a, z] of [
      [1050, 9500],
      [1, 10],
      [3e6, 4.2e9],
      [1e14, 1e17],
    ]) {
      const range = brushToRange(a, z)!;
      const [ns0, ns1] = rangeToBrushNs(range);
      expect(brushToRange(ns0, ns1)).toEqual(range);
    }
  });

  test('countInRange sums whole bins inside a snapped range', () => {
    const h = histogram([
      [29, 5],
      [30, 7],
      [35, 2],
      [40, 1],
    ]);
    expect(countInRange(h, brushToRange(1000, 9999)!)).toBe(9);
    expect(countInRange(h, { minNs: 0, maxNs: Infinity })).toBe(15);
  });

  test('histogramDomainNs spans whole bins, at least one decade', () => {
    expect(histogramDomainNs(histogram([[30, 1]]))).toEqual([1000, 10_000]);
    const domain = histogramDomainNs(
      histogram([
        [0, 1],
        [45, 1],
      ]),
    );
    expect(domain).toEqual([1, binExtentNs(45)[1]]);
  });
});

describe('spanInBrush', () => {
  const table = makeSpanTable([
    { spanId: 1, parentSpanId: 0, beginNs: 0, endNs: 1000, name: 'a' },
    { spanId: 2, parentSpanId: 0, beginNs: 0, endNs: 5000, name: 'b' },
    { spanId: 3, parentSpanId: 0, beginNs: 0, endNs: 1000, name: 'a', state: SPAN_OPEN },
  ]);
  const row = (id: number) => table.spanId.indexOf(BigInt(id));
  const range = { minNs: 1000, maxNs: 9999 };

  test('complete spans in range, of the histogram name or of any name', () => {
    expect(table.state[row(1)]).toBe(SPAN_COMPLETE);
    expect(spanInBrush(table, row(1), range, -1)).toBe(true);
    expect(spanInBrush(table, row(2), range, -1)).toBe(true);
    expect(spanInBrush(table, row(2), range, table.names.indexOf('a'))).toBe(false);
    expect(spanInBrush(table, row(1), { minNs: 1001, maxNs: 2000 }, -1)).toBe(false);
    expect(spanInBrush(table, row(3), range, -1)).toBe(false); // open spans are not in the histogram
  });
});
