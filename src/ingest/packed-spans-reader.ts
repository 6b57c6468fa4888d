// A process's packed span rows (packed-spans.ts) read back in parts, first row to last: what the
// sink is given once a load step is over (merged-rows.ts). Packing a process's spans as soon as
// the first view has copied them, then giving the sink rows unpacked a part at a time, keeps
// ~17 B per span while DuckDB takes them, instead of the accumulator's ~60 B (large: ~30 MB
// instead of ~124 MB, during the seconds the renderer's memory peaks). Ids and begin ticks are
// packed as differences to the row before: a part goes on from the last row of the one before
// it, so parts are read in order. No DOM.
import { runAtOnce } from '../base/time-slices';
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
    if (count % CHUNK_ROWS !== 0) throw new Error(`parts of ${count} rows: not whole chunks`);
    const { length: total, columns: c } = this.packed;
    const from = this.at;
    const to = Math.min(total, from + count);
    const n = to - from;
    this.at = to;
    const ids = totals(unpack64(c.spanId, total, from, to), n, this.lastId[0], this.lastId[1]);
    const [beginLo, beginHi] = this.lastBegin;
    const begins = totals(unpack64(c.beginTicks, total, from, to), n, beginLo, beginHi);
    if (n > 0) {
      this.lastId = [ids[2 * n - 2], ids[2 * n - 1]];
      this.lastBegin = [begins[2 * n - 2], begins[2 * n - 1]];
    }
    const wide = (h: Int32Array) => new BigInt64Array(h.buffer, 0, n);
    const int32 = (name: 'scopeKey' | 'begins' | 'ends' | 'beginBlock' | 'endBlock') =>
      unpack32(c[name], new Int32Array(n), total, from);
    const beginBlock = int32('beginBlock');
    return {
      length: n,
      spanId: wide(ids),
      parentSpanId: wide(runAtOnce(minus(ids, unpack64(c.parentSpanId, total, from, to), n))),
      beginTicks: wide(begins),
      endTicks: wide(plus(unpack64(c.endTicks, total, from, to), begins, n)),
      depth: unpack32(c.depth, new Uint32Array(n), total, from),
      scopeKey: int32('scopeKey'),
      beginBlock,
      endBlock: runAtOnce(blockSpans(int32('endBlock'), beginBlock, 1)),
      begins: int32('begins'),
      ends: int32('ends'),
    };
  }
}
