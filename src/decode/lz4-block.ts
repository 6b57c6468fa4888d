// LZ4 block decoder (the sequences of lz4/lz4 `doc/lz4_Block_format.md`), used by lz4-frame.ts,
// where the file header says why it is hand-written. Pure: no DOM, no Node APIs. Corrupt input
// only ever throws Lz4Error: every read is bounds-checked against the block and the output limit.

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

/**
 * Decodes the LZ4 block src[sp, srcEnd) into dst at op; returns the new output length.
 * Output may not pass `limit`; matches may not reach before `lowest`.
 */
export function decodeBlock(
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
 * `offset` bytes; copying forward in steps no wider than `offset` reproduces that exactly. A long
 * overlapping match copies whole periods in doubling chunks (a run of one byte 4 MiB long is then
 * 17 copyWithin calls, not 4 M byte moves).
 */
function copyMatch(dst: Uint8Array, view: DataView, op: number, offset: number, n: number): void {
  let mp = op - offset;
  if (n > SHORT_MATCH) {
    // Every chunk but the last is a multiple of `offset` long, so the period stays aligned.
    for (let done = 0; done < n;) {
      const len = Math.min(offset + done, n - done);
      dst.copyWithin(op + done, mp, mp + len);
      done += len;
    }
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
