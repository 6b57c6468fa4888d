// Arithmetic modulo 2^64 on 64-bit columns held as [lo, hi] 32-bit halves (and modulo 2^32 on
// 32-bit ones), for packing span rows (packed-spans.ts): differences to the row before or to
// another column, and their inverses. The passes that run while a load goes on are steps
// (base/time-slices.ts), pausing every ROWS_PER_STEP rows: a column of large's 1.76M rows took
// 10-100 ms in one task (still unoptimized code when the cores are busy). No DOM.
import type { Steps } from '../base/time-slices';

/** Rows a pass handles between two steps. */
const ROWS_PER_STEP = 1 << 16;

/** Pauses before row `i` (of halves: `i` counts 32-bit values) when a step is due. */
const due = (i: number, perRow: number) => i > 0 && i % (perRow * ROWS_PER_STEP) === 0;

/** out[i] = a[i] − b[i] modulo 2^64, on [lo, hi] halves. */
export function* minus(a: Int32Array, b: Int32Array, n: number): Steps<Int32Array> {
  const out = new Int32Array(2 * n);
  for (let i = 0; i < 2 * n; i += 2) {
    if (due(i, 2)) yield;
    const aLo = a[i];
    const bLo = b[i];
    out[i] = (aLo - bLo) | 0;
    out[i + 1] = (a[i + 1] - b[i + 1] - (aLo >>> 0 < bLo >>> 0 ? 1 : 0)) | 0;
  }
  return out;
}

/** out[i] = a[i] − a[i − 1] (a[−1] = 0) modulo 2^64. */
export function* steps(a: Int32Array, n: number): Steps<Int32Array> {
  const out = new Int32Array(2 * n);
  let bLo = 0;
  let bHi = 0;
  for (let i = 0; i < 2 * n; i += 2) {
    if (due(i, 2)) yield;
    const aLo = a[i];
    out[i] = (aLo - bLo) | 0;
    out[i + 1] = (a[i + 1] - bHi - (aLo >>> 0 < bLo >>> 0 ? 1 : 0)) | 0;
    bLo = aLo;
    bHi = a[i + 1];
  }
  return out;
}

/** Undoes `minus` in place: d[i] += b[i] modulo 2^64. */
export function plus(d: Int32Array, b: Int32Array, n: number): Int32Array {
  for (let i = 0; i < 2 * n; i += 2) {
    const lo = (d[i] >>> 0) + (b[i] >>> 0);
    d[i] = lo | 0;
    d[i + 1] = (d[i + 1] + b[i + 1] + (lo > 0xffffffff ? 1 : 0)) | 0;
  }
  return d;
}

/** Undoes `steps` in place: running sums modulo 2^64 (from [lo, hi], the row before's). */
export function totals(d: Int32Array, n: number, lo = 0, hi = 0): Int32Array {
  for (let i = 0; i < 2 * n; i += 2) {
    const sum = (d[i] >>> 0) + (lo >>> 0);
    hi = (d[i + 1] + hi + (sum > 0xffffffff ? 1 : 0)) | 0;
    lo = sum | 0;
    d[i] = lo;
    d[i + 1] = hi;
  }
  return d;
}

/** end block − begin block (sign −1; +1 undoes it), modulo 2^32. */
export function* blockSpans(end: Int32Array, begin: Int32Array, sign: 1 | -1): Steps<Int32Array> {
  const out = new Int32Array(end.length);
  for (let i = 0; i < end.length; i++) {
    if (due(i, 1)) yield;
    out[i] = (end[i] + sign * begin[i]) | 0;
  }
  return out;
}

/**
 * The steps of `first`, then those of `next` of its value (not named `then`: a module exporting
 * a `then` is a thenable, which an import awaits forever).
 */
export function* andThen<T, U>(first: Steps<T>, next: (value: T) => Steps<U>): Steps<U> {
  return yield* next(yield* first);
}
