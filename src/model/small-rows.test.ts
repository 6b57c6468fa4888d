// SmallRows packs as RowSpace does for blocks that stay within its scan limit: the same band for
// every request, the same height and extent, on random blocks of bands, gaps, ties and zero-length
// spans (and again after a reset, reused as the layout reuses it).
import { describe, expect, it } from 'vitest';
import { RowSpace } from './row-space';
import { SMALL_ROWS, SmallRows } from './small-rows';
import { seededRandom } from './testing';

describe('SmallRows', () => {
  it('finds the bands RowSpace finds, up to SMALL_ROWS rows', () => {
    const small = new SmallRows();
    for (let seed = 1; seed <= 300; seed++) {
      const rand = seededRandom(seed);
      const big = new RowSpace();
      small.reset();
      const parentBeginNs = Math.floor(rand() * 50);
      const parentEndNs = parentBeginNs + Math.floor(rand() * 100);
      big.add(0, parentBeginNs, parentEndNs);
      small.add(0, parentBeginNs, parentEndNs);
      let rows = 1;
      for (;;) {
        const height = 1 + Math.floor(rand() * rand() * 6);
        if (rows + height > SMALL_ROWS) break;
        rows += height;
        const beginNs = Math.floor(rand() * 200);
        const endNs = beginNs + (rand() < 0.2 ? 0 : Math.floor(rand() * 60));
        const off = big.findBand(1, height, beginNs, endNs);
        expect(small.findBand(1, height, beginNs, endNs)).toBe(off);
        for (let k = 0; k < height; k++) {
          big.add(off + k, beginNs, endNs);
          small.add(off + k, beginNs, endNs);
        }
        expect([small.height, small.beginNs, small.endNs]).toEqual([
          big.height,
          big.beginNs,
          big.endNs,
        ]);
      }
    }
  });
});
