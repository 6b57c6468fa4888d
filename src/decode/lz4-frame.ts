// LZ4 frame decoder, written against lz4/lz4 `doc/lz4_Frame_format.md` and
// `doc/lz4_Block_format.md`. Pure: no DOM, no Node APIs, no dependencies besides xxh32.
//
// Why hand-written: `lz4js` 0.2.0 mis-decodes frames with block checksums (it skips the 4
// checksum bytes before the block instead of after), mis-decodes concatenated frames and never
// verifies checksums; `lz4-wasm` cannot decode frames at all (only its own block format).
// micromegas payloads are frames with linked blocks, block checksums and a content checksum.
//
// Design: every frame is decoded into one contiguous, geometrically growing output buffer, so
// back-references into earlier blocks of a linked frame are plain in-buffer copies. All
// checksums (header, block, content) are verified. Corrupt input only ever throws Lz4Error:
// every read is bounds-checked and a block can produce at most its maximum block size.

import { xxh32 } from './xxh32';

const FRAME_MAGIC = 0x184d2204;
const SKIPPABLE_MAGIC = 0x184d2a50; // 0x184D2A50..0x184D2A5F
/** Block maximum sizes indexed by the BD byte's bits 6..4 (values 0..3 are invalid). */
const BLOCK_MAX = [0, 0, 0, 0, 0x10000, 0x40000, 0x100000, 0x400000];
/** No LZ4 block decodes to more than 255 times its compressed size. */
const MAX_RATIO = 255;
/** Literal runs longer than this are copied with subarray + set, shorter ones byte by byte. */
const SHORT_LITERALS = 16;
/** Non-overlapping matches longer than this use copyWithin, shorter ones 4 bytes at a time. */
const SHORT_MATCH = 64;

/** A malformed, truncated or corrupt LZ4 input; `offset` is where in the input it was found. */
export class Lz4Error extends Error {
  readonly offset: number;
  readonly reason: string;

  constructor(reason: string, offset: number) {
    super(`lz4: ${reason} at offset ${offset}`);
    this.name = 'Lz4Error';
    this.offset = offset;
    this.reason = reason;
  }
}

interface FrameHeader {
  independent: boolean;
  blockChecksum: boolean;
  contentChecksum: boolean;
  /** Declared content size, or -1 when absent (a declared 0 also means unknown, as in liblz4). */
  contentSize: number;
  blockMax: number;
  /** Offset just past the header checksum byte. */
  end: number;
  /** Output offset where this frame's content starts. */
  outStart: number;
  /** Output offset the content may not pass: outStart + contentSize, or Infinity. */
  outEnd: number;
}

interface Output {
  buf: Uint8Array;
  len: number;
}

/**
 * Decodes one or more concatenated LZ4 frames (skippable frames are skipped) and returns the
 * concatenated content. Throws Lz4Error on any malformed, truncated or corrupt input.
 */
export function decodeLz4Frames(input: Uint8Array): Uint8Array {
  if (input.length === 0) throw new Lz4Error('empty input', 0);
  const out: Output = { buf: new Uint8Array(0), len: 0 };
  let pos = 0;
  while (pos < input.length) {
    const magic = readU32(input, pos, 'frame magic');
    if (magic === FRAME_MAGIC) {
      pos = decodeFrame(input, pos, out);
    } else if ((magic & 0xfffffff0) >>> 0 === SKIPPABLE_MAGIC) {
      pos = skipFrame(input, pos);
    } else {
      throw new Lz4Error(`expected magic ${hex(FRAME_MAGIC, 8)}, got ${hex(magic, 8)}`, pos);
    }
  }
  return out.buf.length === out.len ? out.buf : out.buf.slice(0, out.len);
}

function skipFrame(input: Uint8Array, start: number): number {
  const size = readU32(input, start + 4, 'skippable frame size');
  need(input, start + 8, size, 'skippable frame data');
  return start + 8 + size;
}

function decodeFrame(input: Uint8Array, start: number, out: Output): number {
  const h = readFrameHeader(input, start, out.len);
  if (h.contentSize > 0) {
    reserve(out, h.outStart + Math.min(h.contentSize, (input.length - h.end) * MAX_RATIO));
  }
  let pos = h.end;
  for (;;) {
    const word = readU32(input, pos, 'block size');
    if (word === 0) break;
    pos = readBlock(input, pos, word, h, out);
  }
  const decoded = out.len - h.outStart;
  if (h.contentSize > 0 && decoded !== h.contentSize) {
    const reason = `content size mismatch: header declares ${h.contentSize} bytes, decoded ${decoded}`;
    throw new Lz4Error(reason, pos);
  }
  pos += 4;
  if (h.contentChecksum) {
    const actual = xxh32(out.buf.subarray(h.outStart, out.len), 0);
    verifyChecksum('content', input, pos, actual);
    pos += 4;
  }
  return pos;
}

function readFrameHeader(input: Uint8Array, start: number, outStart: number): FrameHeader {
  const d = start + 4;
  need(input, d, 2, 'frame descriptor');
  const flg = input[d];
  const bd = input[d + 1];
  if (flg >>> 6 !== 1) throw new Lz4Error(`unsupported frame version ${flg >>> 6}`, d);
  if ((flg & 0x02) !== 0) throw new Lz4Error(`reserved FLG bit set (FLG ${hex(flg, 2)})`, d);
  const blockMax = BLOCK_MAX[(bd >>> 4) & 7];
  if ((bd & 0x8f) !== 0 || blockMax === 0) throw new Lz4Error(`invalid BD ${hex(bd, 2)}`, d + 1);
  const hasSize = (flg & 0x08) !== 0;
  const hasDict = (flg & 0x01) !== 0;
  const hcPos = d + 2 + (hasSize ? 8 : 0) + (hasDict ? 4 : 0);
  need(input, hcPos, 1, 'frame header');
  const hc = (xxh32(input.subarray(d, hcPos), 0) >>> 8) & 0xff;
  if (hc !== input[hcPos]) {
    const reason = `header checksum mismatch: expected ${hex(input[hcPos], 2)}, got ${hex(hc, 2)}`;
    throw new Lz4Error(reason, hcPos);
  }
  if (hasDict) throw new Lz4Error('dictionary not supported', hcPos - 4);
  const size = hasSize ? u32(input, d + 6) * 0x100000000 + u32(input, d + 2) : 0;
  return {
    independent: (flg & 0x20) !== 0,
    blockChecksum: (flg & 0x10) !== 0,
    contentChecksum: (flg & 0x04) !== 0,
    contentSize: size > 0 ? size : -1,
    blockMax,
    end: hcPos + 1,
    outStart,
    outEnd: size > 0 ? outStart + size : Infinity,
  };
}

/** Decodes or copies the block whose 4-byte size field is at `pos`; returns the offset after it. */
function readBlock(input: Uint8Array, pos: number, word: number, h: FrameHeader, out: Output) {
  const size = word & 0x7fffffff;
  if (size > h.blockMax)
    throw new Lz4Error(`block size ${size} exceeds maximum ${h.blockMax}`, pos);
  const data = pos + 4;
  const end = data + size;
  need(input, data, size + (h.blockChecksum ? 4 : 0), 'block');
  if (h.blockChecksum) verifyChecksum('block', input, end, xxh32(input.subarray(data, end), 0));
  const blockStart = out.len;
  // A block may produce at most blockMax bytes, and never more than the declared content size.
  let limit = Math.min(blockStart + h.blockMax, h.outEnd);
  if (word >>> 31 !== 0) {
    if (blockStart + size > limit) throw new Lz4Error('block exceeds declared content size', pos);
    reserve(out, blockStart + size);
    out.buf.set(input.subarray(data, end), blockStart);
    out.len = blockStart + size;
  } else {
    reserve(out, Math.min(limit, blockStart + size * MAX_RATIO));
    limit = Math.min(limit, out.buf.length);
    const lowest = h.independent ? blockStart : h.outStart;
    out.len = decodeBlock(input, data, end, out.buf, blockStart, limit, lowest);
  }
  return end + (h.blockChecksum ? 4 : 0);
}

/**
 * Decodes the LZ4 block src[sp, srcEnd) into dst at op; returns the new output length.
 * Output may not pass `limit`; matches may not reach before `lowest`.
 */
function decodeBlock(
  src: Uint8Array,
  sp: number,
  srcEnd: number,
  dst: Uint8Array,
  op: number,
  limit: number,
  lowest: number,
): number {
  const view = new DataView(dst.buffer, dst.byteOffset, dst.length);
  for (;;) {
    const token = src[sp++];
    let n = token >>> 4;
    if (n === 15) {
      const ext = extLength(src, sp, srcEnd, 'literal');
      n += ext;
      sp += ((ext / 255) | 0) + 1;
    }
    if (sp + n > srcEnd) throw new Lz4Error(`${n} literal bytes pass end of block`, sp);
    if (op + n > limit) throw new Lz4Error(`${n} literal bytes exceed block output limit`, sp);
    copyLiterals(src, sp, dst, op, n);
    sp += n;
    op += n;
    if (sp === srcEnd) return op;
    if (sp + 2 > srcEnd) throw new Lz4Error('truncated match offset', sp);
    const offset = src[sp] | (src[sp + 1] << 8);
    if (offset === 0 || op - offset < lowest) throw badOffset(offset, sp);
    sp += 2;
    n = (token & 15) + 4;
    if (n === 19) {
      const ext = extLength(src, sp, srcEnd, 'match');
      n += ext;
      sp += ((ext / 255) | 0) + 1;
    }
    if (op + n > limit) throw new Lz4Error(`match of ${n} bytes exceeds block output limit`, sp);
    copyMatch(dst, view, op, offset, n);
    op += n;
    if (sp === srcEnd) throw new Lz4Error('block ends with a match instead of literals', sp);
  }
}

/**
 * Sums the length-extension bytes at src[sp...]: zero or more 255s, then one byte below 255.
 * The caller advances by floor(sum / 255) + 1 bytes.
 */
function extLength(src: Uint8Array, sp: number, srcEnd: number, what: string): number {
  let sum = 0;
  for (;;) {
    if (sp >= srcEnd) throw new Lz4Error(`truncated ${what} length`, sp);
    const b = src[sp++];
    sum += b;
    if (b !== 255) return sum;
  }
}

function badOffset(offset: number, sp: number): Lz4Error {
  if (offset === 0) return new Lz4Error('match offset 0', sp);
  return new Lz4Error(`match offset ${offset} reaches before output start`, sp);
}

function copyLiterals(src: Uint8Array, sp: number, dst: Uint8Array, op: number, n: number): void {
  if (n > SHORT_LITERALS) dst.set(src.subarray(sp, sp + n), op);
  else for (let i = 0; i < n; i++) dst[op + i] = src[sp + i];
}

/**
 * Copies n bytes from `offset` bytes back. An overlapping match (offset < n) repeats the last
 * `offset` bytes; copying forward in steps no wider than `offset` reproduces that exactly.
 */
function copyMatch(dst: Uint8Array, view: DataView, op: number, offset: number, n: number): void {
  let mp = op - offset;
  if (offset >= n && n > SHORT_MATCH) {
    dst.copyWithin(op, mp, mp + n);
    return;
  }
  const end = op + n;
  if (offset >= 4) {
    for (const end4 = end - 3; op < end4; op += 4, mp += 4) {
      view.setUint32(op, view.getUint32(mp, true), true);
    }
  }
  while (op < end) dst[op++] = dst[mp++];
}

/** Grows the output geometrically so it can hold at least `capacity` bytes. */
function reserve(out: Output, capacity: number): void {
  if (capacity <= out.buf.length) return;
  const next = new Uint8Array(Math.max(capacity, out.buf.length * 2));
  next.set(out.buf.subarray(0, out.len));
  out.buf = next;
}

function verifyChecksum(what: string, input: Uint8Array, pos: number, actual: number): void {
  const expected = readU32(input, pos, `${what} checksum`);
  if (expected !== actual) {
    const reason = `${what} checksum mismatch: expected ${hex(expected, 8)}, got ${hex(actual, 8)}`;
    throw new Lz4Error(reason, pos);
  }
}

/** Throws unless input holds `n` bytes from `pos`. */
function need(input: Uint8Array, pos: number, n: number, what: string): void {
  if (pos + n > input.length) {
    const have = Math.max(0, input.length - pos);
    throw new Lz4Error(`truncated input: ${what} needs ${n} bytes, ${have} left`, pos);
  }
}

function readU32(input: Uint8Array, pos: number, what: string): number {
  need(input, pos, 4, what);
  return u32(input, pos);
}

function u32(input: Uint8Array, pos: number): number {
  return (
    (input[pos] | (input[pos + 1] << 8) | (input[pos + 2] << 16) | (input[pos + 3] << 24)) >>> 0
  );
}

function hex(value: number, digits: number): string {
  return `0x${value.toString(16).toUpperCase().padStart(digits, '0')}`;
}
