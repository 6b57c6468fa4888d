// Test helpers (Node only) for ingest's span columns.
import type { SpanColumns } from './span-accumulator';

/** Names of the columns that differ, byte for byte (toEqual is slow on 10^5-long columns). */
export function differingColumns(a: SpanColumns, b: SpanColumns): string[] {
  if (a.length !== b.length) return ['length'];
  const bytes = (c: ArrayBufferView) => Buffer.from(c.buffer, c.byteOffset, c.byteLength);
  return (Object.keys(a) as (keyof SpanColumns)[]).filter((name) => {
    const [x, y] = [a[name], b[name]];
    if (typeof x === 'number' || typeof y === 'number') return x !== y;
    return x.constructor !== y.constructor || !bytes(x).equals(bytes(y));
  });
}

const EXTREMES_64 = [0n, 1n, -1n, (1n << 63n) - 1n, -(1n << 63n), 1n << 32n, (1n << 32n) - 1n];
const EXTREMES_32 = [0, 1, -1, 0x7fffffff, -0x80000000, 255, 256, 65535, 65536];

/** Repeatable pseudo-random integers in [0, 2^31). */
function randoms(seed: number) {
  return () => (seed = (seed * 16807) % 2147483647);
}

/** Columns whose chunks need every width: constant, small, 16-bit, 32-bit and 64-bit steps. */
export function hostileSpans(n: number, seed: number): SpanColumns {
  const next = randoms(seed);
  const pick64 = (i: number) => {
    const kind = Math.floor(i / 700) % 5; // runs that straddle the 1024-row chunks
    if (kind === 0) return 42n;
    if (kind === 1) return BigInt(next() % 200) - 100n;
    if (kind === 2) return BigInt(next() % 60000);
    if (kind === 3) return BigInt(next()) * 2n;
    return EXTREMES_64[next() % EXTREMES_64.length] ^ BigInt(next() % 3);
  };
  const pick32 = (i: number) =>
    i % 3 === 0 ? EXTREMES_32[next() % EXTREMES_32.length] : (next() % 1000) - 500;
  const int32 = () => Int32Array.from({ length: n }, (_, i) => pick32(i));
  return {
    length: n,
    spanId: BigInt64Array.from({ length: n }, (_, i) => pick64(i)),
    parentSpanId: BigInt64Array.from({ length: n }, (_, i) => pick64(n - i)),
    beginTicks: BigInt64Array.from({ length: n }, (_, i) => pick64(i + 350)),
    endTicks: BigInt64Array.from({ length: n }, (_, i) => pick64(i * 7)),
    depth: Uint32Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 0xffffffff : pick32(i))),
    scopeKey: int32(),
    beginBlock: int32(),
    endBlock: int32(),
    begins: int32(),
    ends: int32(),
  };
}
