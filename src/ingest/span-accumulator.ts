// One process's spans, built event by event as blocks are merged: one row per span id with its
// earliest begin and latest end (raw ticks, and the key of the block holding each), how many
// begins and ends it has, and its parent, depth and scope taken from that begin (from that end
// when no begin was seen). An open-addressing hash table on the span id's 32-bit halves finds the
// row: no BigInt and no object per event (3.5M events take ~0.1 s; DuckDB's GROUP BY took ~1 s).
// Times are not computed here: the database derives them from ticks with the process's current
// converter, so a converter change re-times nothing. No DOM, no Node APIs, no DuckDB.
import { COPY_VALUES_PER_STEP, copySteps, rangeSteps, type Steps } from '../base/time-slices';
import { BEGIN, type AsyncEventColumns } from '../decode/event-columns';
import { SpanIndex } from './span-index';

const WIDE = ['spanId', 'parentSpanId', 'beginTicks', 'endTicks'] as const;
const NARROW = ['scopeKey', 'beginBlock', 'endBlock', 'begins', 'ends'] as const;

/**
 * The rows of weft_spans for one process (src/db/schema.ts): span and parent ids, earliest begin
 * and latest end in ticks (0 when none), scope key, the keys of the blocks holding that begin
 * and that end (-1 when none), begin and end counts, depth.
 */
export type SpanColumns = { length: number; depth: Uint32Array } & Record<
  (typeof WIDE)[number],
  BigInt64Array
> &
  Record<(typeof NARROW)[number], Int32Array>;

/** The typed-array columns of SpanColumns. */
export const SPAN_COLUMN_NAMES = [...WIDE, 'depth', ...NARROW] as const;

const INITIAL_CAPACITY = 1024;
/** Events `addSteps` adds between two looks at the clock (~1 ms). */
export const EVENTS_PER_ADD_STEP = 1 << 13;

/** 64-bit columns as [lo, hi] halves: (aLo, aHi) < (bLo, bHi) as signed 64-bit integers. */
function less(aLo: number, aHi: number, bLo: number, bHi: number): boolean {
  return aHi < bHi || (aHi === bHi && aLo >>> 0 < bLo >>> 0);
}

/** A 64-bit column as [lo, hi] 32-bit halves (a view: no copy). */
export function halves(values: BigInt64Array): Int32Array {
  return new Int32Array(values.buffer, values.byteOffset, values.length * 2);
}

function grown<T extends Int32Array | Uint32Array>(array: T, length: number): T {
  const out = new (array.constructor as new (n: number) => T)(length);
  out.set(array);
  return out;
}

export class SpanAccumulator {
  /**
   * An accumulator holding `rows` (another accumulator's, e.g. unpacked: packed-spans.ts) as if
   * their blocks had been added to it: later blocks merge into them. Takes the arrays when they
   * have the capacity's length (no copy).
   */
  static of(rows: SpanColumns): SpanAccumulator {
    const out = new SpanAccumulator();
    const n = rows.length;
    out.capacity = Math.max(n, INITIAL_CAPACITY);
    // the accumulator's arrays: ArrayBuffer-backed, as the unpacked ones and copies are
    type Own<T> = T extends Uint32Array ? Uint32Array<ArrayBuffer> : Int32Array<ArrayBuffer>;
    const take = <T extends Int32Array | Uint32Array>(a: T, length: number) =>
      (a.length === length ? a : grown(a, length)) as Own<T>;
    for (const name of WIDE) out[name] = take(halves(rows[name]), 2 * out.capacity);
    out.depth = take(rows.depth, out.capacity);
    for (const name of NARROW) out[name] = take(rows[name], out.capacity);
    const ids = out.spanId;
    for (let row = 0; row < n; row++) {
      if (out.index.rowOf(ids[2 * row], ids[2 * row + 1], row) !== row)
        throw new Error(`span id repeated at row ${row}`); // never from an accumulator's rows
    }
    out.length = n;
    return out;
  }

  length = 0;
  private capacity = INITIAL_CAPACITY;
  private readonly index = new SpanIndex();
  private spanId = new Int32Array(INITIAL_CAPACITY * 2);
  private parentSpanId = new Int32Array(INITIAL_CAPACITY * 2);
  private beginTicks = new Int32Array(INITIAL_CAPACITY * 2);
  private endTicks = new Int32Array(INITIAL_CAPACITY * 2);
  private depth = new Uint32Array(INITIAL_CAPACITY);
  private scopeKey = new Int32Array(INITIAL_CAPACITY);
  private beginBlock = new Int32Array(INITIAL_CAPACITY);
  private endBlock = new Int32Array(INITIAL_CAPACITY);
  private begins = new Int32Array(INITIAL_CAPACITY);
  private ends = new Int32Array(INITIAL_CAPACITY);

  /** Adds a block's events; `scopeKeys[i]` is the scope key of event i. */
  add(
    events: AsyncEventColumns,
    scopeKeys: Int32Array,
    blockKey: number,
    from = 0,
    to = events.length,
  ): void {
    while (this.capacity < this.length + (to - from)) this.grow(); // no growth in the loop
    const ids = halves(events.spanId);
    const ticks = halves(events.ticks);
    const parents = halves(events.parentSpanId);
    for (let i = from; i < to; i++) {
      const row = this.rowOf(ids[2 * i], ids[2 * i + 1]);
      const lo = ticks[2 * i];
      const hi = ticks[2 * i + 1];
      const takes =
        events.eventType[i] === BEGIN
          ? this.begin(row, lo, hi, blockKey)
          : this.end(row, lo, hi, blockKey);
      if (takes) {
        this.parentSpanId[2 * row] = parents[2 * i];
        this.parentSpanId[2 * row + 1] = parents[2 * i + 1];
        this.depth[row] = events.depth[i];
        this.scopeKey[row] = scopeKeys[i];
      }
    }
  }

  /**
   * `add`, `eventsPerStep` events a step: events are added one after the other, so a block added
   * in slices gives the rows of the block added at once. (Large's blocks of ~19k events took a
   * merge task of 40-65 ms each on this busy machine, traced.)
   */
  *addSteps(
    events: AsyncEventColumns,
    scopeKeys: Int32Array,
    blockKey: number,
    eventsPerStep = EVENTS_PER_ADD_STEP,
  ): Steps<void> {
    const add = (from: number, to: number) => this.add(events, scopeKeys, blockKey, from, to);
    yield* rangeSteps(events.length, add, eventsPerStep);
  }

  /** The rows so far, as copies (later blocks keep changing the accumulator). */
  columns(): SpanColumns {
    return this.view((a) => a.slice() as typeof a);
  }

  /** The rows so far, as views of the accumulator's arrays: valid until the next `add`. */
  view(copy: <T extends Int32Array | Uint32Array>(a: T) => T = (a) => a): SpanColumns {
    const n = this.length;
    const out = { length: n, depth: copy(this.depth.subarray(0, n)) } as SpanColumns;
    for (const name of WIDE)
      out[name] = new BigInt64Array(copy(this[name].subarray(0, 2 * n)).buffer, 0, n);
    for (const name of NARROW) out[name] = copy(this[name].subarray(0, n));
    return out;
  }

  /** Counts a begin; true when it is the earliest (its attributes are the span's). */
  private begin(row: number, lo: number, hi: number, blockKey: number): boolean {
    const t = this.beginTicks;
    const earliest = this.begins[row]++ === 0 || less(lo, hi, t[2 * row], t[2 * row + 1]);
    if (earliest) {
      t[2 * row] = lo;
      t[2 * row + 1] = hi;
      this.beginBlock[row] = blockKey;
    }
    return earliest;
  }

  /** Counts an end; true when it is the latest and no begin was seen (its attributes win). */
  private end(row: number, lo: number, hi: number, blockKey: number): boolean {
    const t = this.endTicks;
    const latest = this.ends[row]++ === 0 || less(t[2 * row], t[2 * row + 1], lo, hi);
    if (latest) {
      t[2 * row] = lo;
      t[2 * row + 1] = hi;
      this.endBlock[row] = blockKey;
    }
    return latest && this.begins[row] === 0;
  }

  /** The row of span id (lo, hi), created empty when new (the capacity is reserved). */
  private rowOf(lo: number, hi: number): number {
    const row = this.index.rowOf(lo, hi, this.length);
    if (row === this.length) {
      this.length++;
      this.spanId[2 * row] = lo;
      this.spanId[2 * row + 1] = hi;
      this.beginBlock[row] = -1;
      this.endBlock[row] = -1;
    }
    return row;
  }

  private grow(): void {
    const capacity = (this.capacity *= 2);
    for (const name of WIDE) this[name] = grown(this[name], capacity * 2);
    this.depth = grown(this.depth, capacity);
    for (const name of NARROW) this[name] = grown(this[name], capacity);
  }

  /** True when adding `events` events may need more room than the accumulator has. */
  needsRoom(events: number): boolean {
    return this.capacity < this.length + events;
  }

  /**
   * Makes room for `events` more rows (the capacity `add` would grow to) a slice of a column per
   * step, to run across tasks: large's last doubling copies ~70 MB. Between steps the rows read
   * the same (a column is replaced once its copy is whole; every column holds them, grown or not).
   */
  *growSteps(events: number, valuesPerStep = COPY_VALUES_PER_STEP): Steps<void> {
    let capacity = this.capacity;
    while (capacity < this.length + events) capacity *= 2;
    const grown = <T extends Int32Array | Uint32Array>(a: T, n: number) =>
      copySteps(a, n, a.length, valuesPerStep);
    for (const name of WIDE) this[name] = yield* grown(this[name], capacity * 2);
    this.depth = yield* grown(this.depth, capacity);
    for (const name of NARROW) this[name] = yield* grown(this[name], capacity);
    this.capacity = capacity;
  }
}
