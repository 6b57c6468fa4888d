// The rows of one lane block while it is being packed: per row, the earliest begin and the latest
// end of what it holds, so a new span or block (taken as a rectangle) goes on the first rows where
// it cannot overlap anything. Small blocks scan rows; large ones (the global rows of a big capture)
// search a segment tree over the rows' latest ends, so packing stays O(log rows) per span. Pure.

/** Rows a block may have before its searches switch from a scan to the segment tree. */
export const SCAN_LIMIT = 48;

export class RowSpace {
  readonly minBeginNs: number[] = [];
  readonly maxEndNs: number[] = [];
  /** Extent of everything placed. */
  beginNs = Infinity;
  endNs = -Infinity;
  private tree: LatestEndTree | null = null;

  get height(): number {
    return this.maxEndNs.length;
  }

  /** Row r is free for [beginNs, endNs] if all it holds ends before, or begins after, that range. */
  fits(r: number, beginNs: number, endNs: number): boolean {
    return r >= this.maxEndNs.length || this.maxEndNs[r] < beginNs || endNs < this.minBeginNs[r];
  }

  /** First offset ≥ from where `height` consecutive rows are free for [beginNs, endNs]. */
  findBand(from: number, height: number, beginNs: number, endNs: number): number {
    let off = from;
    for (;;) {
      if (this.tree) off = this.tree.firstBelow(off, beginNs, this.height);
      let k = 0;
      while (k < height && this.fits(off + k, beginNs, endNs)) k++;
      if (k === height) return off;
      off += k + 1; // every band that includes the blocked row fails too
    }
  }

  /** Records [beginNs, endNs] in row r (rows below grow as needed). */
  add(r: number, beginNs: number, endNs: number): void {
    this.addBand(r, 1, beginNs, endNs);
  }

  /**
   * Records [beginNs, endNs] in rows from .. from + height − 1 (a block's rectangle): the
   * segment tree is updated once for the band, O(height + log rows), not once per row.
   */
  addBand(from: number, height: number, beginNs: number, endNs: number): void {
    const { minBeginNs, maxEndNs } = this;
    const to = from + height;
    while (maxEndNs.length < to) {
      minBeginNs.push(Infinity);
      maxEndNs.push(-Infinity);
    }
    for (let r = from; r < to; r++) {
      if (beginNs < minBeginNs[r]) minBeginNs[r] = beginNs;
      if (endNs > maxEndNs[r]) maxEndNs[r] = endNs;
    }
    if (beginNs < this.beginNs) this.beginNs = beginNs;
    if (endNs > this.endNs) this.endNs = endNs;
    if (this.tree) this.tree.setRange(from, to, maxEndNs);
    else if (maxEndNs.length > SCAN_LIMIT) this.tree = new LatestEndTree(maxEndNs);
  }
}

/** Minimum of the rows' latest ends over ranges of rows; rows past the end count as empty. */
class LatestEndTree {
  private size = 1;
  private min: Float64Array;

  constructor(values: number[]) {
    while (this.size < values.length * 2) this.size *= 2;
    this.min = new Float64Array(2 * this.size).fill(-Infinity);
    this.min.set(values, this.size);
    for (let v = this.size - 1; v >= 1; v--) {
      this.min[v] = Math.min(this.min[2 * v], this.min[2 * v + 1]);
    }
  }

  /** Rows from .. to − 1 take their values from `values`; their ancestors are recomputed once. */
  setRange(from: number, to: number, values: number[]): void {
    while (to > this.size) this.grow();
    const { min, size } = this;
    for (let r = from; r < to; r++) min[r + size] = values[r];
    let lo = (from + size) >> 1;
    let hi = (to - 1 + size) >> 1;
    for (; lo >= 1; lo >>= 1, hi >>= 1) {
      for (let v = lo; v <= hi; v++) min[v] = Math.min(min[2 * v], min[2 * v + 1]);
    }
  }

  /** First row ≥ from whose latest end is < t (a row that surely fits a range beginning at t). */
  firstBelow(from: number, t: number, height: number): number {
    if (from >= height) return from;
    const found = this.descend(1, 0, this.size, from, t);
    return found < 0 ? Math.max(from, height) : found;
  }

  private descend(v: number, lo: number, hi: number, from: number, t: number): number {
    if (hi <= from || !(this.min[v] < t)) return -1;
    if (hi - lo === 1) return lo;
    const mid = (lo + hi) >> 1;
    const left = this.descend(2 * v, lo, mid, from, t);
    return left >= 0 ? left : this.descend(2 * v + 1, mid, hi, from, t);
  }

  private grow(): void {
    const leaves = this.min.subarray(this.size, 2 * this.size);
    const values = Array.from(leaves);
    const next = new LatestEndTree(values);
    this.size = next.size;
    this.min = next.min;
  }
}
