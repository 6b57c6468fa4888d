// A process's span rows kept small between load steps. Once the first view has copied them, the
// sink is given them from the packed rows (packed-spans-reader.ts), and only a later step bringing
// the process new events needs them again, to merge into (span-accumulator.ts); they stay packed:
// ~17 B per span instead of 56 B and the id index (large: 1.76M spans, ~29 MB instead of ~106 MB).
// Hand-written: LZ4 (decode/lz4-frame.ts) only decodes; CompressionStream knows not the columns.
// Columns are first turned into small numbers where rows allow it: span ids and begin ticks as
// the difference to the row before (a process numbers its spans in sequence and begins them in
// time order), parents as span id minus parent, end ticks minus begin ticks, end block minus begin
// block. This arithmetic (halves-math.ts) wraps (modulo 2^64 on [lo, hi] halves, 2^32 for 32-bit
// columns), so any values, hostile ones too, come back exactly. Then frame of reference: per chunk
// of CHUNK_ROWS values, the smallest and the byte width (0, 1, 2, 4 or 8) of each value minus it.
// Packing pauses every 64K rows of a column (steps: it runs across tasks while a load goes on).
// No DOM.
import { runAtOnce, type Steps } from '../base/time-slices';
import { andThen, blockSpans, minus, steps } from './halves-math';
import { halves, type SpanColumns } from './span-accumulator';

/** Rows per chunk; a reader of rows in parts (packed-spans-reader.ts) reads whole chunks. */
export const CHUNK_ROWS = 1024;

/** Rows [from, to) of chunk `c` of `n` rows. */
const chunkRows = (c: number, n: number) => [c * CHUNK_ROWS, Math.min(n, (c + 1) * CHUNK_ROWS)];

/** One column: per chunk, its smallest value ([lo, hi]; 32-bit columns: [value, 0]) and width. */
export interface PackedColumn {
  bases: Int32Array;
  widths: Uint8Array;
  /** Byte offset of each chunk's values: a multiple of 8 (full chunks hold 1024·width bytes). */
  offsets: Uint32Array;
  bytes: Uint8Array;
}

type Name = Exclude<keyof SpanColumns, 'length'>;

export interface PackedSpans {
  length: number;
  columns: Record<Name, PackedColumn>;
}

/** Smallest and largest signed 64-bit value of h[from..to) as [minLo, minHi, maxLo, maxHi]. */
function extremes(h: Int32Array, from: number, to: number): [number, number, number, number] {
  let minHi = h[2 * from + 1];
  let maxHi = minHi;
  for (let i = 2 * from + 1; i < 2 * to; i += 2) {
    const hi = h[i];
    if (hi < minHi) minHi = hi;
    if (hi > maxHi) maxHi = hi;
  }
  let minLo = 0xffffffff;
  let maxLo = 0;
  for (let i = 2 * from; i < 2 * to; i += 2) {
    const lo = h[i] >>> 0;
    if (h[i + 1] === minHi && lo < minLo) minLo = lo;
    if (h[i + 1] === maxHi && lo > maxLo) maxLo = lo;
  }
  return [minLo | 0, minHi, maxLo, maxHi];
}

/** Bytes per value for a range of values (as unsigned [lo, hi]). */
function widthOf(rangeLo: number, rangeHi: number): number {
  if (rangeHi !== 0) return 8;
  return rangeLo === 0 ? 0 : rangeLo < 0x100 ? 1 : rangeLo < 0x10000 ? 2 : 4;
}

type Values = Uint8Array | Uint16Array | Uint32Array;

/** The typed array over a chunk's bytes (width 8: [lo, hi] pairs). */
function chunkValues(p: PackedColumn, c: number, count: number): Values {
  const width = p.widths[c];
  const at = p.bytes.byteOffset + p.offsets[c];
  if (width <= 1) return new Uint8Array(p.bytes.buffer, at, width * count);
  if (width === 2) return new Uint16Array(p.bytes.buffer, at, count);
  return new Uint32Array(p.bytes.buffer, at, (width / 4) * count);
}

/** Chunks framed or filled between two steps (64K rows; large's 1.76M took ~40 ms a column). */
const CHUNKS_PER_STEP = 64;

/** Frames every chunk (`frame(from, to)` gives [baseLo, baseHi, width]), then fills the bytes. */
function* packChunks(
  n: number,
  frame: (from: number, to: number) => [number, number, number],
  fill: (values: Values, from: number, to: number, baseLo: number, baseHi: number) => void,
): Steps<PackedColumn> {
  const chunks = Math.ceil(n / CHUNK_ROWS);
  const p = {
    bases: new Int32Array(2 * chunks),
    widths: new Uint8Array(chunks),
    offsets: new Uint32Array(chunks + 1),
    bytes: new Uint8Array(0),
  };
  for (let c = 0; c < chunks; c++) {
    if (c % CHUNKS_PER_STEP === CHUNKS_PER_STEP - 1) yield;
    const [from, to] = chunkRows(c, n);
    [p.bases[2 * c], p.bases[2 * c + 1], p.widths[c]] = frame(from, to);
    p.offsets[c + 1] = p.offsets[c] + p.widths[c] * (to - from);
  }
  p.bytes = new Uint8Array(p.offsets[chunks]);
  for (let c = 0; c < chunks; c++) {
    if (c % CHUNKS_PER_STEP === CHUNKS_PER_STEP - 1) yield;
    const [from, to] = chunkRows(c, n);
    if (p.widths[c] > 0)
      fill(chunkValues(p, c, to - from), from, to, p.bases[2 * c], p.bases[2 * c + 1]);
  }
  return p;
}

/** A 64-bit column given as [lo, hi] halves. */
function pack64(h: Int32Array, n: number): Steps<PackedColumn> {
  const frame = (from: number, to: number): [number, number, number] => {
    const [minLo, minHi, maxLo, maxHi] = extremes(h, from, to);
    const rangeHi = maxHi - minHi - (maxLo >>> 0 < minLo >>> 0 ? 1 : 0);
    return [minLo, minHi, widthOf((maxLo - minLo) >>> 0, rangeHi)];
  };
  const fill = (values: Values, from: number, to: number, baseLo: number, baseHi: number) => {
    const wide = values.length > to - from;
    for (let i = from, k = 0; i < to; i++, k += wide ? 2 : 1) {
      const lo = h[2 * i];
      values[k] = lo - baseLo; // the typed array keeps the low bits: the difference's
      if (wide) values[k + 1] = h[2 * i + 1] - baseHi - (lo >>> 0 < baseLo >>> 0 ? 1 : 0);
    }
  };
  return packChunks(n, frame, fill);
}

/** A 32-bit column (its values read as the array's type gives them: signed or not). */
function pack32(column: Int32Array | Uint32Array, n: number): Steps<PackedColumn> {
  const frame = (from: number, to: number): [number, number, number] => {
    let min = column[from];
    let max = min;
    for (let i = from + 1; i < to; i++) {
      const v = column[i];
      if (v < min) min = v;
      if (v > max) max = v;
    }
    return [min | 0, 0, widthOf(max - min, 0)];
  };
  const fill = (values: Values, from: number, to: number, base: number) => {
    for (let i = from; i < to; i++) values[i - from] = column[i] - base;
  };
  return packChunks(n, frame, fill);
}

/** Chunks holding rows [first, end) of `n` (first: a multiple of CHUNK_ROWS). */
const chunksOf = (first: number, end: number) => [first / CHUNK_ROWS, Math.ceil(end / CHUNK_ROWS)];

/** Rows [first, end) of a 64-bit column of `n` rows, as [lo, hi] halves. */
export function unpack64(p: PackedColumn, n: number, first = 0, end = n): Int32Array {
  const out = new Int32Array(2 * (end - first));
  const [c0, c1] = chunksOf(first, end);
  for (let c = c0; c < c1; c++) {
    const [baseLo, baseHi] = [p.bases[2 * c] >>> 0, p.bases[2 * c + 1]];
    const [from, to] = chunkRows(c, n);
    const values = chunkValues(p, c, to - from);
    const step = values.length / (to - from); // 0 (all equal the base), 1, or 2 ([lo, hi])
    for (let i = from - first, k = 0; i < to - first; i++, k += step) {
      const lo = (step === 0 ? 0 : values[k]) + baseLo;
      out[2 * i] = lo | 0;
      out[2 * i + 1] = ((step === 2 ? values[k + 1] : 0) + baseHi + (lo > 0xffffffff ? 1 : 0)) | 0;
    }
  }
  return out;
}

/** Rows [first, first + out.length) of a 32-bit column of `n` rows, into `out`. */
export function unpack32<T extends Int32Array | Uint32Array>(
  p: PackedColumn,
  out: T,
  n = out.length,
  first = 0,
): T {
  const [c0, c1] = chunksOf(first, first + out.length);
  for (let c = c0; c < c1; c++) {
    const base = p.bases[2 * c];
    const [from, to] = chunkRows(c, n);
    const values = chunkValues(p, c, to - from);
    if (values.length === 0) out.fill(base, from - first, to - first);
    else for (let i = from; i < to; i++) out[i - first] = values[i - from] + base; // mod 2^32
  }
  return out;
}

/** Packs one column (reading the others it is told apart from), in steps. */
const PACKERS: [Name, (s: SpanColumns) => Steps<PackedColumn>][] = [
  ['spanId', (s) => andThen(steps(halves(s.spanId), s.length), (d) => pack64(d, s.length))],
  [
    'parentSpanId',
    (s) =>
      andThen(minus(halves(s.spanId), halves(s.parentSpanId), s.length), (d) =>
        pack64(d, s.length),
      ),
  ],
  ['beginTicks', (s) => andThen(steps(halves(s.beginTicks), s.length), (d) => pack64(d, s.length))],
  [
    'endTicks',
    (s) =>
      andThen(minus(halves(s.endTicks), halves(s.beginTicks), s.length), (d) =>
        pack64(d, s.length),
      ),
  ],
  ['depth', (s) => pack32(s.depth, s.length)],
  ['scopeKey', (s) => pack32(s.scopeKey, s.length)],
  ['beginBlock', (s) => pack32(s.beginBlock, s.length)],
  [
    'endBlock',
    (s) => andThen(blockSpans(s.endBlock, s.beginBlock, -1), (d) => pack32(d, s.length)),
  ],
  ['begins', (s) => pack32(s.begins, s.length)],
  ['ends', (s) => pack32(s.ends, s.length)],
];

/** Packs the rows (reads the columns, changes nothing), in steps of 64K rows of a column. */
export function* packSteps(spans: SpanColumns): Steps<PackedSpans> {
  const columns = {} as Record<Name, PackedColumn>;
  for (const [name, pack] of PACKERS) {
    columns[name] = yield* pack(spans);
    yield;
  }
  return { length: spans.length, columns };
}

/** The rows packed, at once. */
export function packSpans(spans: SpanColumns): PackedSpans {
  return runAtOnce(packSteps(spans));
}

/** Bytes the packed rows hold. */
export function packedBytes(packed: PackedSpans): number {
  let bytes = 0;
  for (const c of Object.values(packed.columns))
    bytes += c.bases.byteLength + c.widths.byteLength + c.offsets.byteLength + c.bytes.byteLength;
  return bytes;
}
