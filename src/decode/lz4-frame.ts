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
//
// Memory follows what is decoded, never what a header declares: the output grows geometrically,
// each LZ4 block reserving at most its own maximum (BD: ≤ 4 MiB) beyond the current length, so a
// frame never holds more than about twice its decoded size plus 4 MiB. The decoded total is capped
// (`maxOutputBytes`, default MAX_OUTPUT_BYTES = 64 MiB): micromegas flushes a thread stream's
// buffer at 10 MiB by default (`threads_buffer_size` in rust/telemetry-sink/src/lib.rs; its docs
// show 16 MiB in rust/tracing/src/lib.rs), and a block's dependencies queue starts at 1 MiB, so 4×
// the largest documented buffer leaves room for tuned senders while a hostile 17 MB frame that
// declares 1 TiB (or really expands 255×) stops at 64 MiB with an Lz4Error.

import { decodeBlock, Lz4Error } from './lz4-block';
import { xxh32 } from './xxh32';

export { Lz4Error };

const FRAME_MAGIC = 0x184d2204;
const SKIPPABLE_MAGIC = 0x184d2a50; // 0x184D2A50..0x184D2A5F
/** Block maximum sizes indexed by the BD byte's bits 6..4 (values 0..3 are invalid). */
const BLOCK_MAX = [0, 0, 0, 0, 0x10000, 0x40000, 0x100000, 0x400000];
/** No LZ4 block decodes to more than 255 times its compressed size. */
const MAX_RATIO = 255;
/** Default cap on the decoded bytes of one call (see the header for why 64 MiB). */
export const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

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
  /** Decoded bytes may not pass this. */
  max: number;
}

/**
 * Decodes one or more concatenated LZ4 frames (skippable frames are skipped) and returns the
 * concatenated content. Throws Lz4Error on any malformed, truncated or corrupt input.
 */
export function decodeLz4Frames(input: Uint8Array, maxOutputBytes = MAX_OUTPUT_BYTES): Uint8Array {
  if (input.length === 0) throw new Lz4Error('empty input', 0);
  const out: Output = { buf: new Uint8Array(0), len: 0, max: maxOutputBytes };
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
  if (h.contentSize > out.max - out.len) {
    const reason = `declared content size ${h.contentSize} exceeds the limit of ${out.max - out.len} bytes`;
    throw new Lz4Error(reason, start + 6);
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
  // A block may produce at most blockMax bytes, never more than the declared content size, and
  // never pass the output cap.
  let limit = Math.min(blockStart + h.blockMax, h.outEnd, out.max);
  if (word >>> 31 !== 0) {
    if (blockStart + size > limit) throw new Lz4Error(`block exceeds ${limitName(h, out)}`, pos);
    reserve(out, blockStart + size);
    out.buf.set(input.subarray(data, end), blockStart);
    out.len = blockStart + size;
  } else {
    reserve(out, Math.min(limit, blockStart + size * MAX_RATIO));
    limit = Math.min(limit, out.buf.length);
    const lowest = h.independent ? blockStart : h.outStart;
    try {
      out.len = decodeBlock(input, data, end, out.buf, blockStart, limit, lowest);
    } catch (error) {
      const capped = limit === out.max && error instanceof Lz4Error;
      if (!capped || !error.reason.includes('output limit')) throw error;
      throw new Lz4Error(`block output exceeds the limit of ${out.max} bytes`, error.offset);
    }
  }
  return end + (h.blockChecksum ? 4 : 0);
}

function limitName(h: FrameHeader, out: Output): string {
  return h.outEnd <= out.max ? 'declared content size' : `the output limit of ${out.max} bytes`;
}

/** Grows the output geometrically (never past the cap) so it holds at least `capacity` bytes. */
function reserve(out: Output, capacity: number): void {
  if (capacity <= out.buf.length) return;
  const next = new Uint8Array(Math.min(Math.max(capacity, out.buf.length * 2), out.max));
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
