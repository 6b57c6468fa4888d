// Ticks to relative ns in the span table from ingest's columns: the 32-bit fast path must give
// the same doubles as the exact rule (the 64-bit difference from the process start, as a double,
// times 1e9 / frequency, rounded half away from zero; src/db/views.ts' weft_ns) at its edges:
// negative differences, ticks and starts beyond 2^53, half-way products. Rows sort by begin, then
// span id (signed), whatever order ingest merged them in.
import { describe, expect, it } from 'vitest';
import { roundHalfAwayFromZero } from '../base/time';
import { spanTableFromColumns, type SpanColumnsInput } from './span-table-columns';

/** One span per begin tick (ends one tick later), ids as given, every span complete. */
function input(beginTicks: bigint[], startTicks: bigint, frequency: number, ids?: bigint[]) {
  const n = beginTicks.length;
  const spanId = BigInt64Array.from(ids ?? beginTicks.map((_, i) => BigInt(i + 1)));
  const columns: SpanColumnsInput = {
    spans: {
      length: n,
      spanId,
      parentSpanId: new BigInt64Array(n),
      depth: new Uint32Array(n),
      scopeKey: new Int32Array(n),
      beginTicks: BigInt64Array.from(beginTicks),
      endTicks: BigInt64Array.from(beginTicks, (t) => t + 1n),
      beginBlock: new Int32Array(n),
      endBlock: new Int32Array(n),
      begins: new Int32Array(n).fill(1),
      ends: new Int32Array(n).fill(1),
    },
    originNs: 0n,
    clock: { startTicks, frequency },
    firstTicks: beginTicks[0],
    lastTicks: beginTicks[0],
    blockStreams: ['s'],
    scopes: [{ name: 'x', filename: 'f', line: 1, target: 't' }],
    cpuStreams: [{ streamId: 's', threadName: 'main' }],
  };
  return columns;
}

/** The exact rule, in BigInt arithmetic up to the one conversion to a double. */
const exactNs = (ticks: bigint, start: bigint, frequency: number) =>
  roundHalfAwayFromZero(Number(ticks - start) * (1e9 / frequency));

describe('span table times from ticks', () => {
  const cases: [string, bigint[], bigint, number][] = [
    ['negative differences', [-5n, 0n, 3n, -(2n ** 40n)], 7n, 1e9],
    ['around the 32-bit word boundary', [2n ** 32n - 1n, 2n ** 32n, -(2n ** 32n)], 1n, 3e9],
    ['ticks beyond 2^53', [2n ** 53n + 1n, 2n ** 60n + 12345n, -(2n ** 62n)], 2n ** 53n, 2.5e9],
    ['a start beyond 2^53', [2n ** 55n + 3n, 2n ** 55n + 7n], 2n ** 55n + 1n, 1e6],
    // 1e9 / 2e9 = 0.5: odd differences land half way, rounded away from zero either side
    ['half-way products', [1n, 3n, -1n, -3n, 5n], 0n, 2e9],
    ['a frequency that makes long fractions', [123456789n, -987654321n], 11n, 3e9 / 7],
  ];
  it.each(cases)('%s', (_name, ticks, start, frequency) => {
    const table = spanTableFromColumns(input(ticks, start, frequency));
    const want = ticks.map((t) => exactNs(t, start, frequency)).sort((a, b) => a - b);
    expect([...table.beginNs]).toEqual(want);
    // ends are one tick later: row i's span id says which input row it was
    const endOf = (i: number) => ticks[Number(table.spanId[i]) - 1] + 1n;
    const wantEnds = ticks.map((_, i) => exactNs(endOf(i), start, frequency));
    expect([...table.endNs]).toEqual(wantEnds);
  });

  it('half-way products round away from zero', () => {
    const table = spanTableFromColumns(input([1n, -1n, 3n, -3n], 0n, 2e9));
    expect([...table.beginNs]).toEqual([-2, -1, 1, 2]);
  });

  it('orders rows by begin, then by signed span id', () => {
    const ids = [5n, -2n, 9n, 2n ** 62n, -(2n ** 62n)];
    const table = spanTableFromColumns(input([10n, 10n, 5n, 10n, 10n], 0n, 1e9, ids));
    expect([...table.spanId]).toEqual([9n, -(2n ** 62n), -2n, 5n, 2n ** 62n]);
    expect([...table.beginNs]).toEqual([5, 10, 10, 10, 10]);
  });
});
