import { describe, expect, it } from 'vitest';
import { compare } from './compare';
import { readI64Exact, readU64Key, splitInt64, writeSum } from './int64';
import { formatDurationNs, formatEpochNs, parseRfc3339Ns, roundHalfAwayFromZero } from './time';

describe('time', () => {
  it('parses RFC 3339 with 0 to 9 fraction digits and offsets exactly', () => {
    expect(parseRfc3339Ns('2026-11-27T00:30:20.922766019Z')).toBe(1795739420922766019n);
    expect(parseRfc3339Ns('2026-11-27T00:30:20.922766019+00:00')).toBe(1795739420922766019n);
    expect(parseRfc3339Ns('2026-11-27T01:30:20.9227+01:00')).toBe(1795739420922700000n);
    expect(parseRfc3339Ns('2026-11-27T00:30:20Z')).toBe(1795739420000000000n);
    expect(parseRfc3339Ns('yesterday')).toBeUndefined();
  });

  it('rejects impossible dates and times (strict RFC 3339 ranges)', () => {
    const impossible = [
      '2026-13-45T99:99:99Z',
      '2026-00-10T00:00:00Z',
      '2026-02-29T00:00:00Z', // 2026 is not a leap year
      '2026-04-31T00:00:00Z',
      '2026-11-27T24:00:00Z',
      '2026-11-27T00:60:00Z',
      '2026-11-27T00:00:60Z',
      '2026-11-27T00:00:00+24:00',
      '2026-11-27T00:00:00+01:60',
    ];
    expect(impossible.map(parseRfc3339Ns)).toEqual(impossible.map(() => undefined));
    expect(parseRfc3339Ns('2024-02-29T23:59:59Z')).toBe(1709251199000000000n);
    expect(parseRfc3339Ns('0001-01-01T00:00:00Z')).toBe(-62135596800000000000n);
  });

  it('formats epoch ns with 9 fraction digits', () => {
    expect(formatEpochNs(1795739420922766019n)).toBe('2026-11-27T00:30:20.922766019Z');
    expect(formatEpochNs(0n)).toBe('1970-01-01T00:00:00.000000000Z');
  });

  it('rounds half away from zero like Rust', () => {
    expect([2.5, -2.5, 0.5, -0.5, 1.49, -1.51].map(roundHalfAwayFromZero)).toEqual([
      3, -3, 1, -1, 1, -2,
    ]);
  });

  it('formats durations with adaptive units', () => {
    expect([950, 12_345, 4_560_000, 1_230_000_000].map(formatDurationNs)).toEqual([
      '950 ns',
      '12.3 µs',
      '4.56 ms',
      '1.23 s',
    ]);
  });
});

describe('int64', () => {
  it('reads u64 keys as numbers when exact and bigints otherwise', () => {
    const view = new DataView(new ArrayBuffer(16));
    view.setBigUint64(0, 0x5555_1234_5678n, true);
    view.setBigUint64(8, 0xffff_ffff_ffff_fff0n, true);
    expect(readU64Key(view, 0)).toBe(0x5555_1234_5678);
    expect(readU64Key(view, 8)).toBe(0xffff_ffff_ffff_fff0n);
    view.setBigInt64(0, -5n, true);
    expect(readI64Exact(view, 0)).toBe(-5);
  });

  it('adds a safe delta to a 64-bit base with carries, both signs', () => {
    const out = new BigInt64Array(4);
    const halves = new Uint32Array(out.buffer);
    const base = 1795739420922766019n;
    const { lo, hi } = splitInt64(base);
    const deltas = [0, 4294967295, -4294967297, 2 ** 52 + 7];
    deltas.forEach((d, i) => writeSum(lo, hi, d, halves, i));
    expect([...out]).toEqual(deltas.map((d) => base + BigInt(d)));
  });
});

describe('compare', () => {
  it('orders strings, numbers and bigints past 2^53 as sort needs', () => {
    const big = 2n ** 63n - 1n;
    expect([big, big - 1n, 0n].sort(compare)).toEqual([0n, big - 1n, big]);
    expect(['b', 'a', 'c'].sort(compare)).toEqual(['a', 'b', 'c']);
    expect([2, -1, 2].map((v) => compare(v, 2))).toEqual([0, -1, 0]);
  });
});
