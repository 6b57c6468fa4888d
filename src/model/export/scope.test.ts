import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER } from '../span-filter';
import { makeSpanTable } from '../testing';
import { spansInScope, viewFilterMask, type ViewFilter } from './scope';

// Two calls of A: the first calls B and C, the second calls B.
const table = makeSpanTable([
  { spanId: 1, parentSpanId: 0, beginNs: 0, endNs: 100, name: 'A' },
  { spanId: 2, parentSpanId: 1, beginNs: 10, endNs: 20, name: 'B' },
  { spanId: 3, parentSpanId: 1, beginNs: 30, endNs: 40, name: 'C' },
  { spanId: 4, parentSpanId: 0, beginNs: 200, endNs: 300, name: 'A' },
  { spanId: 5, parentSpanId: 4, beginNs: 210, endNs: 250, name: 'B' },
]);
const NONE: ViewFilter = {
  ...{ spanFilter: EMPTY_FILTER, range: null, callPath: null },
  ...{ search: '', brush: null, brushNameIndex: -1 },
};
const ids = (filter: ViewFilter) => {
  const include = viewFilterMask(table, filter);
  return include && [...spansInScope(table, { include })].map((i) => table.spanId[i]);
};

describe("the export's current filter", () => {
  it('keeps every span without a filter (no mask)', () => {
    expect(viewFilterMask(table, NONE)).toBeNull();
  });

  it('keeps the spans of the picked call tree node, as the timeline shows them', () => {
    expect(ids({ ...NONE, callPath: { names: ['A', 'B'], inverted: false } })).toEqual([2n, 5n]);
    expect(ids({ ...NONE, callPath: { names: ['C', 'A'], inverted: true } })).toEqual([3n]);
  });

  it('and the filter bar, range, search and brush on top of it', () => {
    const path = { names: ['A', 'B'], inverted: false };
    const later = { ...NONE, callPath: path, range: { startNs: 100, endNs: 400 } };
    expect(ids(later)).toEqual([5n]);
    const long = { ...NONE, callPath: path, brush: { minNs: 20, maxNs: 100 } };
    expect(ids(long)).toEqual([5n]);
    expect(ids({ ...NONE, search: 'a' })).toEqual([1n, 4n]);
    const open = { ...NONE, spanFilter: { ...EMPTY_FILTER, state: 'open' as const } };
    expect(ids(open)).toEqual([]);
  });
});
