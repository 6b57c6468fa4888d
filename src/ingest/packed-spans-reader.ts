// A process's packed span rows (packed-spans.ts) read back in parts, first row to last: what the
// sink is given once a load step is over (merged-rows.ts). Packing a process's spans as soon as
// the first view has copied them, then giving the sink rows unpacked a part at a time, keeps
// ~17 B per span while DuckDB takes them, instead of the accumulator's ~60 B (large: ~30 MB
// instead of ~124 MB, during the seconds the renderer's memory peaks). Ids and begin ticks are
// packed as differences to the row before: a part goes on from the last row of the one before
// it, so parts are read in order. Read whole (unpackSpans), it is the packing's inverse. No DOM.
import { runAtOnce, type Steps } from '../base/time-slices';
import { blockSpans, minus, plus, totals } from './halves-math';
import { CHUNK_ROWS, unpack32, unpack64, type PackedSpans } from './packed-spans';
import type { SpanColumns } from './span-accumulator';

export class PackedSpansReader {
  /** The next row to read. */
  private at = 0;
  /** The last row read's span id and begin ticks, as [lo, hi]. */
  private lastId = [0, 0];
  private lastBegin = [0, 0];

  constructor(private readonly packed: PackedSpans) {}

  /** Rows not read yet. */
  get left(): number {
    return this.packed.length - this.at;
  }

  /** The next `count` rows (fewer at the end), in fresh arrays; `count`: whole chunks. */
  read(count: number): SpanColumns {
    return runAtOnce(this.readSteps(count));
  }

  /** read as steps (base/time-slices.ts): a yield between columns and within the long ones. */
  *readSteps(count: number): Steps<SpanColumns> {
    if (count % CHUNK_ROWS !== 0) throw new Error(`parts of ${count} rows: not whole chunks`);
    const from = this.at;
    const to = Math.min(this.packed.length, from + count);
    this.at = to;
    const wide64 = yield* this.wideSteps(from, to);
    const { length: total, columns: c } = this.packed;
    const n = to - from;
    const int32 = (name: 'scopeKey' | 'begins' | 'ends' | 'beginBlock' | 'endBlock') =>
      unpack32(c[name], new Int32Array(n), total, from);
    const beginBlock = int32('beginBlock');
    const endBlock = yield* blockSpans(int32('endBlock'), beginBlock, 1);
    const depth = unpack32(c.depth, new Uint32Array(n), total, from);
    const narrow: Int32Array[] = [];
    for (const name of ['scopeKey', 'begins', 'ends'] as const) {
      yield;
      narrow.push(int32(name));
    }
    const [scopeKey, begins, ends] = narrow;
    return { length: n, ...wide64, depth, scopeKey, beginBlock, endBlock, begins, ends };
  }

  /** The 64-bit columns of rows from..to, each a total of differences from the row before. */
  private *wideSteps(from: number, to: number) {
    const { length: total, columns: c } = this.packed;
    const n = to - from;
    const ids = totals(unpack64(c.spanId, total, from, to), n, this.lastId[0], this.lastId[1]);
    yield;
    const [beginLo, beginHi] = this.lastBegin;
    const begins = totals(unpack64(c.beginTicks, total, from, to), n, beginLo, beginHi);
    if (n > 0) {
      this.lastId = [ids[2 * n - 2], ids[2 * n - 1]];
      this.lastBegin = [begins[2 * n - 2], begins[2 * n - 1]];
    }
    yield;
    const wide = (h: Int32Array) => new BigInt64Array(h.buffer, 0, n);
    const parentSpanId = wide(yield* minus(ids, unpack64(c.parentSpanId, total, from, to), n));
    yield;
    const endTicks = wide(plus(unpack64(c.endTicks, total, from, to), begins, n));
    yield;
    return { spanId: wide(ids), parentSpanId, beginTicks: wide(begins), endTicks };
  }
}

/** Every row of `packed` again, in fresh arrays of exactly its length, in steps. */
export function unpackSteps(packed: PackedSpans): Steps<SpanColumns> {
  const wholeChunks = Math.ceil(packed.length / CHUNK_ROWS) * CHUNK_ROWS;
  return new PackedSpansReader(packed).readSteps(wholeChunks);
}

/** The rows again, at once. */
export function unpackSpans(packed: PackedSpans): SpanColumns {
  return runAtOnce(unpackSteps(packed));
}
