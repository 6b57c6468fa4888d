import { describe, expect, test } from 'vitest';
import {
  eventRuns,
  gallop,
  gallopTimes,
  lowerBound,
  lowerBoundTimes,
  rowRuns,
  RunList,
  spanColumns,
  type PixelView,
} from './lod';
import { seededRandom } from './testing';
import { sortByTime } from './thread-events';

/** A lane row: n spans that do not overlap, sorted, with gaps and sizes over many scales. */
function randomRow(rand: () => number, n: number) {
  const beginNs = new Float64Array(n);
  const endNs = new Float64Array(n);
  let t = 0;
  for (let i = 0; i < n; i++) {
    t += 1 + Math.floor(rand() ** 4 * 5000);
    beginNs[i] = t;
    t += Math.floor(rand() ** 6 * 20000);
    endNs[i] = t;
  }
  return { beginNs, endNs, ids: Int32Array.from({ length: n }, (_, i) => i) };
}

function columnsOf(set: Set<number>, x0: number, x1: number) {
  for (let c = x0; c < x1; c++) set.add(c);
}

describe('rowRuns', () => {
  test('runs cover exactly the pixel columns of the visible spans; count ≤ 2 per column', () => {
    const rand = seededRandom(5);
    for (let trial = 0; trial < 200; trial++) {
      const { beginNs, endNs, ids } = randomRow(rand, 1 + Math.floor(rand() * 3000));
      const totalNs = endNs[endNs.length - 1];
      const widthPx = 50 + Math.floor(rand() * 1500);
      const spanNs = totalNs * (rand() < 0.5 ? 1.1 : rand() ** 3);
      const view: PixelView = {
        startNs: rand() * totalNs - spanNs * 0.1,
        nsPerPx: spanNs / widthPx,
        widthPx,
      };
      const out = new RunList();
      rowRuns(ids, 0, ids.length, beginNs, endNs, view, out);
      const expected = new Set<number>();
      for (let i = 0; i < ids.length; i++) {
        const [c0, c1] = spanColumns(view, beginNs[i], endNs[i]);
        columnsOf(expected, Math.max(0, c0), Math.min(widthPx, c1));
      }
      const drawn = new Set<number>();
      let spans = 0;
      for (let k = 0; k < out.length; k++) {
        expect(out.x1Px[k]).toBeGreaterThan(out.x0Px[k]);
        if (k > 0) expect(out.x0Px[k]).toBeGreaterThanOrEqual(out.x1Px[k - 1] - 1);
        columnsOf(drawn, out.x0Px[k], out.x1Px[k]);
        spans += out.count[k];
      }
      expect([...drawn].sort((a, b) => a - b)).toEqual([...expected].sort((a, b) => a - b));
      expect(out.length).toBeLessThanOrEqual(2 * widthPx + 2);
      // every span that touches a visible column is counted exactly once
      let visible = 0;
      for (let i = 0; i < ids.length; i++) {
        const [c0, c1] = spanColumns(view, beginNs[i], endNs[i]);
        if (Math.min(widthPx, c1) > Math.max(0, c0)) visible++;
      }
      expect(spans).toBe(visible);
    }
  });

  test('a million tiny spans in one row give at most a run per column', () => {
    const n = 1_000_000;
    const beginNs = Float64Array.from({ length: n }, (_, i) => i * 10);
    const endNs = Float64Array.from({ length: n }, (_, i) => i * 10 + 3);
    const ids = Int32Array.from({ length: n }, (_, i) => i);
    const out = new RunList();
    rowRuns(
      ids,
      0,
      n,
      beginNs,
      endNs,
      { startNs: 0, nsPerPx: (n * 10) / 1000, widthPx: 1000 },
      out,
    );
    expect(out.length).toBe(1); // columns all touch: one solid run
    expect(out.count[0]).toBe(n);
    expect([out.x0Px[0], out.x1Px[0]]).toEqual([0, 1000]);
  });

  test('wide spans are their own items, with their span index', () => {
    const beginNs = Float64Array.of(0, 100, 100.5, 300);
    const endNs = Float64Array.of(50, 100.2, 101, 400);
    const ids = Int32Array.of(0, 1, 2, 3);
    const out = new RunList();
    rowRuns(ids, 0, 4, beginNs, endNs, { startNs: 0, nsPerPx: 1, widthPx: 350 }, out);
    const items = Array.from({ length: out.length }, (_, k) => [
      out.x0Px[k],
      out.x1Px[k],
      out.span[k],
      out.count[k],
    ]);
    expect(items).toEqual([
      [0, 50, 0, 1],
      [100, 101, 1, 2],
      [300, 350, 3, 1],
    ]);
  });
});

describe('eventRuns', () => {
  test('every event is counted once; single events keep their span', () => {
    const rand = seededRandom(9);
    const n = 5000;
    const raw = Float64Array.from({ length: n }, () => Math.floor(rand() * 1e6));
    const { timesNs, spans } = sortByTime(
      Int32Array.from({ length: n }, (_, i) => i),
      raw,
    );
    for (let k = 1; k < n; k++) expect(timesNs[k]).toBeGreaterThanOrEqual(timesNs[k - 1]);
    for (let k = 0; k < n; k++) expect(raw[spans[k]]).toBe(timesNs[k]);
    expect(new Set(spans).size).toBe(n);
    for (const nsPerPx of [1, 50, 1000, 1e5]) {
      const view = { startNs: 2e5, nsPerPx, widthPx: 600 };
      const out = new RunList();
      eventRuns(timesNs, spans, view, out);
      let total = 0;
      for (let k = 0; k < out.length; k++) {
        total += out.count[k];
        if (out.count[k] === 1)
          expect(Math.floor((raw[out.span[k]] - 2e5) / nsPerPx)).toBe(out.x0Px[k]);
      }
      const visible = Array.from(timesNs).filter((t) => t >= 2e5 && t < 2e5 + 600 * nsPerPx).length;
      expect(total).toBe(visible);
      expect(out.length).toBeLessThanOrEqual(600);
    }
  });
});

test('gallop and gallopTimes find what the binary searches find, from any start', () => {
  const rand = seededRandom(4);
  const n = 3000;
  const times = Float64Array.from({ length: n }, () => Math.floor(rand() * 5000)).sort();
  const ids = Int32Array.from({ length: n }, (_, i) => i);
  for (let trial = 0; trial < 4000; trial++) {
    const lo = Math.floor(rand() * (n + 1));
    const hi = lo + Math.floor(rand() * (n + 1 - lo));
    // targets before, inside, between and past the values, near and far from times[lo]
    const target = Math.floor(rand() * 5200) - 100;
    expect(gallop(ids, lo, hi, times, target)).toBe(lowerBound(ids, lo, hi, times, target));
    expect(gallopTimes(times, lo, target)).toBe(lowerBoundTimes(times, lo, target));
  }
});
