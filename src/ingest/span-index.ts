// Finds the row of a 64-bit span id (given as 32-bit halves, no BigInt). A process allocates span
// ids in sequence, so the ids of a capture are dense: pages of 4096 ids map them to rows directly
// (2× faster than a hash table on the large capture: neighbouring ids share a cache line). Ids
// far apart (another producer, or hostile input) would leave pages nearly empty; past a memory
// bound the index moves to an open-addressing hash table. No DOM, no Node APIs.

const PAGE_BITS = 12;
const PAGE_SIZE = 1 << PAGE_BITS;
const PAGE_MASK = PAGE_SIZE - 1;
/** Pages allowed per indexed id (plus a first allowance) before the index turns to hashing. */
const PAGES_PER_ID = 4 / PAGE_SIZE;
const FREE_PAGES = 256;

function mix(lo: number, hi: number): number {
  let h = Math.imul(lo, 0x9e3779b1) ^ Math.imul(hi ^ 0x7f4a7c15, 0x85ebca77);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 12);
}

/** Open addressing, linear probing; a slot is [lo, hi, row + 1, unused] (0: empty). */
class HashIndex {
  private slots = new Int32Array(4 * 1024);
  private count = 0;

  rowOf(lo: number, hi: number, next: number): number {
    if (2 * (this.count + 1) > this.slots.length / 4) this.grow();
    const mask = this.slots.length / 4 - 1;
    for (let slot = mix(lo, hi) & mask; ; slot = (slot + 1) & mask) {
      const at = 4 * slot;
      const found = this.slots[at + 2] - 1;
      if (found < 0) {
        this.slots[at] = lo;
        this.slots[at + 1] = hi;
        this.slots[at + 2] = next + 1;
        this.count++;
        return next;
      }
      if (this.slots[at] === lo && this.slots[at + 1] === hi) return found;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.count = 0;
    for (let at = 0; at < old.length; at += 4) {
      if (old[at + 2] !== 0) this.rowOf(old[at], old[at + 1], old[at + 2] - 1);
    }
  }
}

export class SpanIndex {
  private pages: Map<number, Int32Array> | null = new Map();
  private hash: HashIndex | null = null;
  private ids = 0;
  private lastPageNo = NaN;
  private lastPage: Int32Array | null = null;

  /** The row of id (lo, hi); when the id is new, it gets row `next` (the caller's next row). */
  rowOf(lo: number, hi: number, next: number): number {
    if (this.hash) return this.hash.rowOf(lo, hi, next);
    const pageNo = hi * (1 << (32 - PAGE_BITS)) + (lo >>> PAGE_BITS);
    const page = pageNo === this.lastPageNo ? this.lastPage : this.page(pageNo);
    if (!page) return this.hash!.rowOf(lo, hi, next); // the index just turned to hashing
    const found = page[lo & PAGE_MASK] - 1;
    if (found >= 0) return found;
    page[lo & PAGE_MASK] = next + 1;
    this.ids++;
    return next;
  }

  private page(pageNo: number): Int32Array | null {
    let page = this.pages!.get(pageNo);
    if (!page) {
      if (this.pages!.size > FREE_PAGES + this.ids * PAGES_PER_ID) return this.toHash();
      page = new Int32Array(PAGE_SIZE);
      this.pages!.set(pageNo, page);
    }
    this.lastPageNo = pageNo;
    this.lastPage = page;
    return page;
  }

  /** Moves every id to a hash table. */
  private toHash(): null {
    const hash = new HashIndex();
    for (const [no, page] of this.pages!) {
      const hi = Math.floor(no / (1 << (32 - PAGE_BITS)));
      const base = (no - hi * (1 << (32 - PAGE_BITS))) << PAGE_BITS;
      page.forEach((row, offset) => row !== 0 && hash.rowOf(base | offset, hi, row - 1));
    }
    this.pages = null;
    this.hash = hash;
    return null;
  }
}
