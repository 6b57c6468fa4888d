// Packed span rows read back in parts, in order, equal the rows packed, whatever the part size
// (whole chunks) and however the rows end (hostile values: packed-spans.test.ts's).
import { describe, expect, test } from 'vitest';
import { CHUNK_ROWS, packSpans } from './packed-spans';
import { PackedSpansReader } from './packed-spans-reader';
import { hostileSpans } from './testing';
import { SPAN_COLUMN_NAMES, type SpanColumns } from './span-accumulator';

/** The rows [from, to) of `spans`. */
function slice(spans: SpanColumns, from: number, to: number): SpanColumns {
  const out = { length: to - from } as SpanColumns;
  for (const name of SPAN_COLUMN_NAMES) {
    const column = spans[name].slice(from, to) as SpanColumns[typeof name];
    (out[name] as typeof column) = column;
  }
  return out;
}

describe('PackedSpansReader', () => {
  test.each([
    [0, 1],
    [1, 1],
    [1023, 1],
    [1024, 1],
    [1025, 1],
    [5000, 2],
    [70_000, 3],
    [70_000, 64],
  ])('%i hostile rows read in parts of %i chunks equal the rows', (n, chunks) => {
    const spans = hostileSpans(n, n + 7);
    const reader = new PackedSpansReader(packSpans(spans));
    const count = chunks * CHUNK_ROWS;
    for (let from = 0; from < n; from += count) {
      expect(reader.left).toBe(n - from);
      expect(reader.read(count)).toEqual(slice(spans, from, Math.min(n, from + count)));
    }
    expect(reader.left).toBe(0);
    expect(reader.read(count).length).toBe(0);
  });

  test('refuses parts that are not whole chunks', () => {
    const reader = new PackedSpansReader(packSpans(hostileSpans(10, 1)));
    expect(() => reader.read(CHUNK_ROWS + 1)).toThrow('not whole chunks');
  });
});
