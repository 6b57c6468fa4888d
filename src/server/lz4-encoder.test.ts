import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { decodeLz4Frames } from '../decode/lz4-frame';
import { encodeLz4Frame } from './lz4-encoder';

/** Repetitive but not trivial bytes, as Arrow buffers of ids and times are. */
function sampleBytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i % 251) ^ ((i >> 10) & 0x0f);
  return out;
}

describe('LZ4 frame encoder', () => {
  for (const size of [1, 100, 70_000, 300_000]) {
    it(`writes frames weft's decoder and Debian's lz4 -d read back exactly (${size} bytes)`, () => {
      const data = sampleBytes(size);
      const frame = encodeLz4Frame(data);
      expect(Array.from(frame.subarray(0, 4))).toEqual([0x04, 0x22, 0x4d, 0x18]);
      expect(Buffer.compare(decodeLz4Frames(frame), data)).toBe(0);
      const cli = spawnSync('lz4', ['-d', '-c'], { input: frame, maxBuffer: 1 << 24 });
      expect(cli.status).toBe(0);
      expect(Buffer.compare(cli.stdout, data)).toBe(0);
    });
  }

  it('compresses repetitive data', () => {
    const data = new Uint8Array(100_000).fill(7);
    expect(encodeLz4Frame(data).length).toBeLessThan(1000);
  });
});
