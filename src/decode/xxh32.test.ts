import { describe, expect, it } from 'vitest';
import { xxh32, xxh32String } from './xxh32';

// Reference vectors. Input: the first `len` bytes of pattern(), where byte i = (i * 31 + 7) & 0xff.
// Obtained from the reference implementation (Debian libxxhash-dev 0.8.1): a tiny C program
// printing XXH32(buf, len, seed); the seed-0 values were cross-checked with Debian's `xxh32sum`
// (package xxhash 0.8.1) on the same bytes written to files.
const VECTORS: ReadonlyArray<readonly [seed: number, len: number, hash: number]> = [
  [0, 0, 0x02cc5d05],
  [0, 1, 0x002e0d32],
  [0, 3, 0xaca17380],
  [0, 4, 0x073faa82],
  [0, 15, 0x9f29f87b],
  [0, 16, 0x3f6c9665],
  [0, 17, 0xe048ecdb],
  [0, 31, 0x00f1525c],
  [0, 32, 0xee42e668],
  [0, 33, 0x770b5126],
  [0, 100, 0x75936eb8],
  [0, 255, 0xdbe7dd0a],
  [0, 256, 0xd40ce0c6],
  [0, 1000, 0xa793e7c7],
  [0x9e3779b1, 0, 0x36b78ae7],
  [0x9e3779b1, 1, 0xd40fe509],
  [0x9e3779b1, 3, 0xed8936d0],
  [0x9e3779b1, 4, 0x893f71b0],
  [0x9e3779b1, 15, 0x22dc4620],
  [0x9e3779b1, 16, 0x17393d4a],
  [0x9e3779b1, 17, 0x5981b004],
  [0x9e3779b1, 31, 0x2b78ecd4],
  [0x9e3779b1, 32, 0xc01e797e],
  [0x9e3779b1, 33, 0x1e57dd16],
  [0x9e3779b1, 100, 0x81d373f5],
  [0x9e3779b1, 256, 0x9df06b83],
  [0x9e3779b1, 1000, 0xdc510912],
  [1, 0, 0x0b2cb792],
  [1, 3, 0x3938bedb],
  [1, 16, 0x0e5c90ba],
  [1, 100, 0x0b9a0a5e],
  [0xffffffff, 0, 0x9061da9d],
  [0xffffffff, 4, 0x82063e1a],
  [0xffffffff, 17, 0xb0de87c9],
  [0xffffffff, 256, 0x3c9d487d],
];

function pattern(len: number): Uint8Array {
  const out = new Uint8Array(len);
  for (let i = 0; i < len; i++) out[i] = (i * 31 + 7) & 0xff;
  return out;
}

describe('xxh32', () => {
  it.each(VECTORS)('seed %i, length %i matches the reference', (seed, len, hash) => {
    expect(xxh32(pattern(len), seed)).toBe(hash);
  });

  it('returns unsigned 32-bit numbers', () => {
    const h = xxh32(pattern(3), 0);
    expect(h).toBe(0xaca17380);
    expect(h).toBeGreaterThan(0x7fffffff);
  });

  it('treats a negative seed as its unsigned 32-bit value', () => {
    expect(xxh32(pattern(17), -1)).toBe(0xb0de87c9);
  });

  it('hashes an unaligned subarray by its own bytes only', () => {
    // Reference: XXH32(buf + 3, 100, 0) = 0x2EA84DF1 (same C program / xxh32sum).
    const view = pattern(256).subarray(3, 103);
    expect(view.byteOffset).toBe(3);
    expect(xxh32(view, 0)).toBe(0x2ea84df1);
  });

  it('hashes a long unaligned subarray (DataView path) by its own bytes only', () => {
    // Reference: XXH32(buf + 5, 995, 0) = 0xA2089264 (same C program / xxh32sum).
    const view = pattern(1000).subarray(5);
    expect(xxh32(view, 0)).toBe(0xa2089264);
  });

  it('gives the same result for every alignment of the same bytes', () => {
    const data = pattern(300);
    for (let shift = 0; shift < 8; shift++) {
      const backing = new Uint8Array(data.length + shift);
      backing.set(data, shift);
      for (const len of [0, 5, 16, 37, 300]) {
        expect(xxh32(backing.subarray(shift, shift + len), 7)).toBe(xxh32(data.slice(0, len), 7));
      }
    }
  });

  it('matches the classic published string vector', () => {
    // xxh32sum of the ASCII bytes of this sentence (no newline).
    expect(xxh32String('Nobody inspects the spammish repetition', 0)).toBe(0xe2293b2f);
  });
});

describe('xxh32String', () => {
  it('hashes the UTF-8 bytes of the text', () => {
    // 'héllo ✓ 世界' is 17 UTF-8 bytes; reference values from the same C program / xxh32sum.
    expect(xxh32String('héllo ✓ 世界', 0)).toBe(0x37aacf1e);
    expect(xxh32String('héllo ✓ 世界', 42)).toBe(0xac35dbf8);
  });

  it('hashes the empty string like empty bytes', () => {
    expect(xxh32String('', 0)).toBe(0x02cc5d05);
    expect(xxh32String('', 0x9e3779b1)).toBe(0x36b78ae7);
  });
});
