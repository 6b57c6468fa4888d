// RowSpace past its scan limit (the segment tree over the rows' latest ends): a band recorded at
// once (addBand: the tree updated once for the band) leaves the space as recording its rows one
// by one does, and every band found is free, checked row by row; on random bands, gaps, ties
// and zero-length spans, over thousands of rows (the tree grows several times).
import { describe, expect, it } from 'vitest';
import { RowSpace, SCAN_LIMIT } from './row-space';
import { seededRandom } from './testing';

/** The reference: every row's extent in plain arrays, checked row by row. */
class ScannedRows {
  minBeginNs: number[] = [];
  maxEndNs: number[] = [];

  private fits(r: number, beginNs: number, endNs: number): boolean {
    return r >= this.maxEndNs.length || this.maxEndNs[r] < beginNs || endNs < this.minBeginNs[r];
  }

  bandFits(off: number, height: number, beginNs: number, endNs: number): boolean {
    for (let k = 0; k < height; k++) if (!this.fits(off + k, beginNs, endNs)) return false;
    return true;
  }

  add(r: number, beginNs: number, endNs: number): void {
    while (this.maxEndNs.length <= r) {
      this.minBeginNs.push(Infinity);
      this.maxEndNs.push(-Infinity);
    }
    this.minBeginNs[r] = Math.min(this.minBeginNs[r], beginNs);
    this.maxEndNs[r] = Math.max(this.maxEndNs[r], endNs);
  }
}

describe('RowSpace', () => {
  it('records a band as its rows one by one; every band it finds is free', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const rand = seededRandom(seed);
      const banded = new RowSpace();
      const rowByRow = new RowSpace();
      const scanned = new ScannedRows();
      for (let block = 0; block < 600; block++) {
        const height = 1 + Math.floor(rand() * rand() * 40);
        const beginNs = Math.floor(rand() * 10_000);
        const endNs = beginNs + (rand() < 0.1 ? 0 : Math.floor(rand() * 2_000));
        const off = banded.findBand(0, height, beginNs, endNs);
        expect(rowByRow.findBand(0, height, beginNs, endNs)).toBe(off);
        expect(scanned.bandFits(off, height, beginNs, endNs)).toBe(true);
        banded.addBand(off, height, beginNs, endNs);
        for (let k = 0; k < height; k++) {
          rowByRow.add(off + k, beginNs, endNs);
          scanned.add(off + k, beginNs, endNs);
        }
      }
      expect(banded.height).toBeGreaterThan(4 * SCAN_LIMIT); // the tree was built and grown
      expect([banded.height, banded.beginNs, banded.endNs]).toEqual([
        rowByRow.height,
        rowByRow.beginNs,
        rowByRow.endNs,
      ]);
      expect([...banded.maxEndNs]).toEqual(scanned.maxEndNs);
      expect([...banded.minBeginNs]).toEqual(scanned.minBeginNs);
    }
  });
});
