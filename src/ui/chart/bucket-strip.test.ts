import { describe, expect, it } from 'vitest';
import { bucketBarsPath } from './bucket-strip';

/** The rectangles of a bars path: [x, y, width, height] each. */
function rects(d: string): number[][] {
  return [...d.matchAll(/M([-\d.]+),([-\d.]+)h([-\d.]+)v([-\d.]+)h([-\d.]+)z/g)].map((m) => {
    expect(Number(m[5])).toBe(-Number(m[3])); // each rectangle closes where it began
    return [1, 2, 3, 4].map((i) => Number(m[i]));
  });
}

describe('bucketBarsPath', () => {
  const box = { leftPx: 10, rightPx: 110, topPx: 1, heightPx: 32 };

  it('draws a bar per bucket with a value, in its bucket, up from the bottom, by value / max', () => {
    const values = [0, 2, 8, 0, 4];
    const drawn = rects(bucketBarsPath(values, box));
    const bucketPx = (box.rightPx - box.leftPx) / values.length;
    const max = Math.max(...values);
    const expected = values.flatMap((v, i) => (v > 0 ? [{ v, i }] : []));
    expect(drawn).toHaveLength(expected.length);
    drawn.forEach(([x, y, w, h], k) => {
      const { v, i } = expected[k];
      expect(x).toBeCloseTo(box.leftPx + i * bucketPx, 2);
      expect(w).toBeCloseTo(bucketPx - 0.5, 2);
      expect(h).toBeCloseTo((box.heightPx * v) / max, 2);
      expect(y + h).toBeCloseTo(box.topPx + box.heightPx, 2);
    });
  });

  it('keeps bars at least 1 px wide when buckets are narrower', () => {
    const values = Array.from({ length: 400 }, (_, i) => i % 3);
    const drawn = rects(bucketBarsPath(values, box));
    expect(drawn).toHaveLength(values.filter((v) => v > 0).length);
    for (const [, , w] of drawn) expect(w).toBe(1);
  });

  it('draws nothing for no buckets or only empty ones', () => {
    expect(bucketBarsPath([], box)).toBe('');
    expect(bucketBarsPath([0, 0, 0], box)).toBe('');
  });
});
