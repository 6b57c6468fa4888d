import { describe, expect, test } from 'vitest';
import { busiestWindow, peakOpen, spansInRows } from './busy-window';
import { layoutLanes } from './lanes';
import { randomSpanTable, seededRandom } from './testing';

/** Spans overlapping [a, b] (closed), by brute force. */
function overlapping(beginNs: Float64Array, endNs: Float64Array, a: number, b: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < beginNs.length; i++) if (beginNs[i] <= b && endNs[i] >= a) out.push(i);
  return out;
}

describe('busy window figures, against brute force on random tables', () => {
  test('busiestWindow: no window of that width holds more spans, and it holds what it says', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const t = randomSpanTable(seed, 150 + seed * 10, seed % 2 === 0);
      const widthNs = 100 + seed * 37;
      const busy = busiestWindow(t.beginNs, t.endNs, widthNs);
      expect(busy.endNs - busy.startNs).toBeCloseTo(widthNs, 6);
      expect(busy.active).toBe(overlapping(t.beginNs, t.endNs, busy.startNs, busy.endNs).length);
      const random = seededRandom(seed);
      for (let k = 0; k < 200; k++) {
        const a = t.captureBeginNs + random() * (t.captureEndNs - t.captureBeginNs);
        expect(overlapping(t.beginNs, t.endNs, a, a + widthNs).length).toBeLessThanOrEqual(
          busy.active,
        );
      }
    }
  });

  test('peakOpen: the most spans containing one instant of the window', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const t = randomSpanTable(seed, 150 + seed * 10, seed % 2 === 1);
      const random = seededRandom(seed + 100);
      const a = t.captureBeginNs + random() * (t.captureEndNs - t.captureBeginNs);
      const b = a + random() * 3000;
      const spans = overlapping(t.beginNs, t.endNs, a, b);
      // the peak is reached at the window start or at a begin inside it
      const instants = [a, ...spans.map((i) => t.beginNs[i]).filter((x) => x >= a)];
      let expected = 0;
      for (const x of instants) {
        expected = Math.max(
          expected,
          spans.filter((i) => t.beginNs[i] <= x && t.endNs[i] >= x).length,
        );
      }
      expect(peakOpen(t.beginNs, t.endNs, a, b)).toBe(expected);
    }
  });

  test('spansInRows counts each span of the rows that overlaps the window once', () => {
    const t = randomSpanTable(5, 400, true);
    const layout = layoutLanes(t);
    const random = seededRandom(5);
    for (let k = 0; k < 20; k++) {
      const a = t.captureBeginNs + random() * (t.captureEndNs - t.captureBeginNs);
      const b = a + random() * 2000;
      const first = Math.floor(random() * layout.rowCount);
      const last = first + Math.floor(random() * (layout.rowCount - first + 1));
      const expected = overlapping(t.beginNs, t.endNs, a, b).filter(
        (i) => layout.row[i] >= first && layout.row[i] < last,
      ).length;
      expect(spansInRows(layout, t.beginNs, t.endNs, first, last, a, b)).toBe(expected);
    }
  });
});
