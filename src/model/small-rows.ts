// The rows of one small lane block while it is being packed: what RowSpace (row-space.ts) does
// for a block that never grows past its scan limit (there it scans rows, never its segment
// tree), on two reused typed arrays instead of a new object with two growing arrays per block.
// A big capture's layout packs ~800k such blocks (1.76M spans); this keeps their packing
// allocation-free. Same results as RowSpace (tested side by side). Pure.
import { SCAN_LIMIT } from './row-space';

/** Most rows a SmallRows block may reach: up to it, RowSpace scans too. */
export const SMALL_ROWS = SCAN_LIMIT;

export class SmallRows {
  private readonly minBeginNs = new Float64Array(SMALL_ROWS);
  private readonly maxEndNs = new Float64Array(SMALL_ROWS);
  height = 0;
  /** Extent of everything placed. */
  beginNs = Infinity;
  endNs = -Infinity;

  /** Empties the block, to pack another. */
  reset(): void {
    this.height = 0;
    this.beginNs = Infinity;
    this.endNs = -Infinity;
  }

  /** Row r is free for [beginNs, endNs] if all it holds ends before, or begins after, that range. */
  fits(r: number, beginNs: number, endNs: number): boolean {
    return r >= this.height || this.maxEndNs[r] < beginNs || endNs < this.minBeginNs[r];
  }

  /** First offset ≥ from where `height` consecutive rows are free for [beginNs, endNs]. */
  findBand(from: number, height: number, beginNs: number, endNs: number): number {
    let off = from;
    for (;;) {
      let k = 0;
      while (k < height && this.fits(off + k, beginNs, endNs)) k++;
      if (k === height) return off;
      off += k + 1; // every band that includes the blocked row fails too
    }
  }

  /** Records [beginNs, endNs] in row r (r < SMALL_ROWS; rows below grow as needed). */
  add(r: number, beginNs: number, endNs: number): void {
    this.addBand(r, 1, beginNs, endNs);
  }

  /** Records [beginNs, endNs] in rows from .. from + height − 1 (< SMALL_ROWS), as RowSpace. */
  addBand(from: number, height: number, beginNs: number, endNs: number): void {
    const { minBeginNs, maxEndNs } = this;
    const to = from + height;
    for (; this.height < to; this.height++) {
      minBeginNs[this.height] = Infinity;
      maxEndNs[this.height] = -Infinity;
    }
    for (let r = from; r < to; r++) {
      if (beginNs < minBeginNs[r]) minBeginNs[r] = beginNs;
      if (endNs > maxEndNs[r]) maxEndNs[r] = endNs;
    }
    if (beginNs < this.beginNs) this.beginNs = beginNs;
    if (endNs > this.endNs) this.endNs = endNs;
  }
}
