// XXH32 (xxHash, 32-bit variant), as specified in Cyan4973/xxHash `doc/xxhash_spec.md`.
// Used by the LZ4 frame decoder (header, block and content checksums) and for micromegas'
// scope hash. Pure: no DOM, no Node APIs. Lanes are read byte by byte (short inputs) or
// through a DataView honouring byteOffset (long inputs), so any alignment of the view is fine.

const P1 = 0x9e3779b1;
const P2 = 0x85ebca77;
const P3 = 0xc2b2ae3d;
const P4 = 0x27d4eb2f;
const P5 = 0x165667b1;

/** From this length on, lanes are read through a DataView (about 1.5x faster on long inputs). */
const VIEW_MIN = 256;

const encoder = new TextEncoder();

/** XXH32 of `bytes` with `seed`; returns an unsigned 32-bit number. */
export function xxh32(bytes: Uint8Array, seed: number): number {
  const len = bytes.length;
  if (len < 16) return finish(bytes, 0, (seed + P5 + len) | 0);
  const stripesEnd = len - (len & 15);
  const h =
    len >= VIEW_MIN ? stripesView(bytes, stripesEnd, seed) : stripesBytes(bytes, stripesEnd, seed);
  return finish(bytes, stripesEnd, (h + len) | 0);
}

/** XXH32 of the UTF-8 encoding of `text`. */
export function xxh32String(text: string, seed: number): number {
  return xxh32(encoder.encode(text), seed);
}

/** Runs the 4 accumulators over the 16-byte stripes in [0, end); reads lanes byte by byte. */
function stripesBytes(b: Uint8Array, end: number, seed: number): number {
  let v1 = (seed + P1 + P2) | 0;
  let v2 = (seed + P2) | 0;
  let v3 = seed | 0;
  let v4 = (seed - P1) | 0;
  for (let i = 0; i < end; i += 16) {
    v1 = round(v1, b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24));
    v2 = round(v2, b[i + 4] | (b[i + 5] << 8) | (b[i + 6] << 16) | (b[i + 7] << 24));
    v3 = round(v3, b[i + 8] | (b[i + 9] << 8) | (b[i + 10] << 16) | (b[i + 11] << 24));
    v4 = round(v4, b[i + 12] | (b[i + 13] << 8) | (b[i + 14] << 16) | (b[i + 15] << 24));
  }
  return rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18);
}

/** Same as stripesBytes, reading little-endian lanes through a DataView (any alignment). */
function stripesView(bytes: Uint8Array, end: number, seed: number): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, end);
  let v1 = (seed + P1 + P2) | 0;
  let v2 = (seed + P2) | 0;
  let v3 = seed | 0;
  let v4 = (seed - P1) | 0;
  for (let i = 0; i < end; i += 16) {
    v1 = round(v1, view.getUint32(i, true));
    v2 = round(v2, view.getUint32(i + 4, true));
    v3 = round(v3, view.getUint32(i + 8, true));
    v4 = round(v4, view.getUint32(i + 12, true));
  }
  return rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18);
}

function round(acc: number, lane: number): number {
  const a = (acc + Math.imul(lane, P2)) | 0;
  return Math.imul((a << 13) | (a >>> 19), P1);
}

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

/** Consumes the remaining (< 16) bytes from `i` and applies the final avalanche. */
function finish(bytes: Uint8Array, i: number, hash: number): number {
  const len = bytes.length;
  let h = hash;
  while (i + 4 <= len) {
    const lane = bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
    h = (h + Math.imul(lane, P3)) | 0;
    h = Math.imul(rotl(h, 17), P4);
    i += 4;
  }
  while (i < len) {
    h = (h + Math.imul(bytes[i], P5)) | 0;
    h = Math.imul(rotl(h, 11), P1);
    i++;
  }
  h ^= h >>> 15;
  h = Math.imul(h, P2);
  h ^= h >>> 13;
  h = Math.imul(h, P3);
  h ^= h >>> 16;
  return h >>> 0;
}
