import { describe, expect, test } from 'vitest';
import { emphasisMask, maskedList, maskedRows, nameMatches, stepMatch } from './search';
import { makeSpanTable } from './testing';

describe('search', () => {
  const table = makeSpanTable([
    { spanId: 1, parentSpanId: 0, beginNs: 0, endNs: 100, name: 'app::Fetch_user' },
    { spanId: 2, parentSpanId: 1, beginNs: 10, endNs: 20, name: 'SELECT users' },
    { spanId: 3, parentSpanId: 1, beginNs: 30, endNs: 90, name: 'app::fetch_orders' },
    { spanId: 4, parentSpanId: 0, beginNs: 200, endNs: 205, name: 'batch_0' },
  ]);

  test('names match case-insensitively; empty query is no filter', () => {
    expect(nameMatches(table.names, '  ')).toBeNull();
    expect(Array.from(nameMatches(table.names, 'FETCH')!)).toEqual([1, 0, 1, 0]);
  });

  test('search and brush combine', () => {
    expect(emphasisMask(table, null, null)).toBeNull();
    const names = nameMatches(table.names, 'fetch');
    expect(Array.from(emphasisMask(table, names, null)!)).toEqual([1, 0, 1, 0]);
    expect(Array.from(emphasisMask(table, names, { minNs: 50, maxNs: 70 })!)).toEqual([0, 0, 1, 0]);
    expect(Array.from(emphasisMask(table, null, { minNs: 0, maxNs: 10 })!)).toEqual([0, 1, 0, 1]);
  });

  test('stepping through matches wraps around in begin order', () => {
    const matches = maskedList(Uint8Array.of(1, 0, 1, 1));
    expect(Array.from(matches)).toEqual([0, 2, 3]);
    expect(stepMatch(matches, -1, 1)).toBe(0);
    expect(stepMatch(matches, -1, -1)).toBe(3);
    expect(stepMatch(matches, 0, 1)).toBe(2);
    expect(stepMatch(matches, 1, 1)).toBe(2);
    expect(stepMatch(matches, 3, 1)).toBe(0);
    expect(stepMatch(matches, 0, -1)).toBe(3);
    expect(stepMatch(matches, 1, -1)).toBe(0);
    expect(stepMatch(new Int32Array(0), 1, 1)).toBe(-1);
    expect(Array.from(maskedList(Uint8Array.of(1, 0, 1, 1), Uint8Array.of(0, 1, 1, 1)))).toEqual([
      2, 3,
    ]);
  });

  test('masked rows keep row structure and order', () => {
    const rows = maskedRows(
      Int32Array.of(0, 2, 3),
      Int32Array.of(0, 3, 1),
      Uint8Array.of(1, 0, 1, 1),
    );
    expect(Array.from(rows.rowStart)).toEqual([0, 2, 2]);
    expect(Array.from(rows.rowSpans)).toEqual([0, 3]);
  });
});
