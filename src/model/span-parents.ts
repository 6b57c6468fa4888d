// The parent of each span as an index into the SpanTable (not an id): resolved through a span-id
// index, cut where the data makes a cycle, and, under a filter, lifted to the nearest included
// ancestor. The one parent lookup of the app: the timeline lanes and the span tree both use it,
// and it is computed once per table (memoized by table identity; a SpanTable is never mutated).
// Pure, on columns: no DOM.
import type { SpanTable } from './span-table';

/** The columns the parent lookup reads. */
export type SpanIds = Pick<SpanTable, 'length' | 'spanId' | 'parentSpanId'>;

const TWO_POW_32 = 4294967296;
const NO_SPAN = -1;

/**
 * Lookup from span id to row index. Real ids are small counters, so a dense array covers them;
 * other ids below 2^53 go through a number-keyed Map, larger ones through a bigint-keyed Map.
 */
export class SpanIdIndex {
  private readonly dense: Int32Array | null = null;
  private readonly minId: number = 0;
  private readonly small = new Map<number, number>();
  private readonly big = new Map<bigint, number>();

  constructor(ids: BigInt64Array) {
    const halves = halvesOf(ids);
    let minId = Infinity;
    let maxId = -Infinity;
    let allSmall = true;
    for (let i = 0; i < ids.length; i++) {
      const key = keyAt(halves, i);
      if (key < minId) minId = key;
      if (key > maxId) maxId = key;
      if (Number.isNaN(key)) allSmall = false;
    }
    // backwards: the first row of a repeated id wins
    if (allSmall && ids.length > 0 && maxId - minId <= 4 * ids.length + 1024) {
      this.minId = minId;
      const dense = (this.dense = new Int32Array(maxId - minId + 1).fill(NO_SPAN));
      for (let i = ids.length - 1; i >= 0; i--) dense[keyAt(halves, i) - minId] = i;
      return;
    }
    for (let i = ids.length - 1; i >= 0; i--) {
      const key = keyAt(halves, i);
      if (Number.isNaN(key)) this.big.set(ids[i], i);
      else this.small.set(key, i);
    }
  }

  /** Index of the span whose id is column[i] (halves: the column as 32-bit words), or -1. */
  find(column: BigInt64Array, halves: Uint32Array, i: number): number {
    const key = keyAt(halves, i);
    if (Number.isNaN(key)) return this.big.get(column[i]) ?? NO_SPAN;
    if (!this.dense) return this.small.get(key) ?? NO_SPAN;
    const slot = key - this.minId;
    return slot >= 0 && slot < this.dense.length ? this.dense[slot] : NO_SPAN;
  }

  /** find for every entry of `column` at once (the dense case inlined: one pass, no calls). */
  findEach(column: BigInt64Array): Int32Array {
    const halves = halvesOf(column);
    const out = new Int32Array(column.length);
    const dense = this.dense;
    if (!dense) {
      for (let i = 0; i < column.length; i++) out[i] = this.find(column, halves, i);
      return out;
    }
    const size = dense.length;
    for (let i = 0; i < column.length; i++) {
      const hi = halves[i * 2 + 1];
      // ids beyond 2^53 are never in a dense index
      const slot = hi < 0x200000 ? hi * TWO_POW_32 + halves[i * 2] - this.minId : -1;
      out[i] = slot >= 0 && slot < size ? dense[slot] : NO_SPAN;
    }
    return out;
  }
}

function halvesOf(column: BigInt64Array): Uint32Array {
  return new Uint32Array(column.buffer, column.byteOffset, column.length * 2);
}

/** The id as a number when it is a non-negative safe integer, else NaN. */
function keyAt(halves: Uint32Array, i: number): number {
  const hi = halves[i * 2 + 1];
  return hi < 0x200000 ? hi * TWO_POW_32 + halves[i * 2] : NaN;
}

const parentsByTable = new WeakMap<SpanIds, Int32Array>();

/** Records parents computed elsewhere (a worker) for `table`: what computeParents gives. */
export function rememberParents(table: SpanIds, parent: Int32Array): void {
  parentsByTable.set(table, parent);
}

/**
 * Parent row of every span: -1 for a root (parent id 0, not loaded, itself, or a link that closes
 * a cycle), so the relation is a forest over all rows; the first row of a repeated id is the
 * parent. Computed once per table object; the result is shared: never mutate it.
 */
export function spanParents(table: SpanIds): Int32Array {
  let parent = parentsByTable.get(table);
  if (!parent) {
    parent = computeParents(table);
    parentsByTable.set(table, parent);
  }
  return parent;
}

function computeParents(table: SpanIds): Int32Array {
  const n = table.length;
  const parent = new SpanIdIndex(table.spanId).findEach(table.parentSpanId);
  const parentHalves = halvesOf(table.parentSpanId);
  for (let i = 0; i < n; i++) {
    const isZero = parentHalves[i * 2] === 0 && parentHalves[i * 2 + 1] === 0;
    if (isZero || parent[i] === i) parent[i] = NO_SPAN;
  }
  breakCycles(parent);
  return parent;
}

/**
 * spanParents, and with `include`, a filtered-out parent replaced by its nearest included
 * ancestor (a new array; without `include`, the shared one).
 */
export function parentIndices(table: SpanIds, include: Uint8Array | null = null): Int32Array {
  const parent = spanParents(table);
  if (!include) return parent;
  const lifted = parent.slice();
  liftToIncluded(lifted, include);
  return lifted;
}

const UNSEEN = 0;
const ON_PATH = 1;
const DONE = 2;

/**
 * Makes the parent relation a forest: where a walk up meets its own path, that link is cut. Each
 * row is walked once (a walk stops at a row already done); the path is a typed stack.
 */
export function breakCycles(parent: Int32Array): void {
  const n = parent.length;
  const state = new Uint8Array(n);
  const path = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let depth = 0;
    let v = i;
    while (v >= 0 && state[v] === UNSEEN) {
      state[v] = ON_PATH;
      path[depth++] = v;
      const p = parent[v];
      if (p >= 0 && state[p] === ON_PATH) parent[v] = NO_SPAN;
      v = parent[v];
    }
    while (depth > 0) state[path[--depth]] = DONE;
  }
}

/** Replaces each excluded parent by its nearest included ancestor (the relation is acyclic). */
function liftToIncluded(parent: Int32Array, include: Uint8Array): void {
  const n = parent.length;
  // nearest[v]: v itself when included, else its nearest included ancestor (-1: none); -2 unknown.
  const nearest = new Int32Array(n).fill(-2);
  const path: number[] = [];
  const resolve = (start: number): number => {
    let v = start;
    while (v >= 0 && nearest[v] === -2 && !include[v]) {
      path.push(v);
      v = parent[v];
    }
    const found = v < 0 ? NO_SPAN : include[v] ? v : nearest[v];
    for (const u of path) nearest[u] = found;
    path.length = 0;
    return found;
  };
  for (let i = 0; i < n; i++) {
    if (include[i]) parent[i] = parent[i] < 0 ? NO_SPAN : resolve(parent[i]);
  }
}
