// The span id index: dense ids (pages), ids spread over the 64-bit range (it turns to hashing
// and keeps every row), negative ids, and ids beyond 2^53.
import { describe, expect, test } from 'vitest';
import { SpanIndex } from './span-index';

/** Indexes ids in order (a repeat gets its first row); returns the row of each. */
function rowsOf(index: SpanIndex, ids: bigint[]): number[] {
  const halves = new Int32Array(BigInt64Array.from(ids).buffer);
  let next = 0;
  return ids.map((_, i) => {
    const row = index.rowOf(halves[2 * i], halves[2 * i + 1], next);
    if (row === next) next++;
    return row;
  });
}

describe('SpanIndex', () => {
  test('dense ids in any order, repeats find their row', () => {
    const ids = Array.from({ length: 20000 }, (_, i) => BigInt((i * 7919) % 20000) + 1000n);
    const index = new SpanIndex();
    expect(rowsOf(index, ids)).toEqual(ids.map((_, i) => i));
    expect(rowsOf(index, ids)).toEqual(ids.map((_, i) => i));
  });

  test('sparse ids turn the index to hashing without losing a row', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => BigInt(i) * 0x1_0000_0001_0001n);
    const index = new SpanIndex();
    const first = rowsOf(index, ids);
    expect(first).toEqual(ids.map((_, i) => i));
    expect(rowsOf(index, [...ids].reverse())).toEqual([...first].reverse());
  });

  test('negative ids and ids beyond 2^53 are told apart', () => {
    const ids = [-1n, 1n, -(1n << 63n), (1n << 63n) - 1n, (1n << 53n) + 1n, (1n << 53n) + 2n];
    const index = new SpanIndex();
    expect(rowsOf(index, [...ids, ...ids])).toEqual([0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5]);
  });
});
