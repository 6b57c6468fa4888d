import { describe, expect, test } from 'vitest';
import { SPAN_OPEN } from '../../model/span-table';
import { makeSpanTable } from '../../model/testing';
import { filterMarks } from '../../model/tree-filter';
import { ANCESTOR, MATCH, buildSpanTree, flattenVisible } from '../../model/tree';
import { treeKeyAction, type TreeKeyContext } from './tree-keys';
import { MAX_SCROLL_PX, rowWindow, scrollTopToReveal, spacerPx } from './virtual-scroll';

const table = makeSpanTable([
  { spanId: 1, parentSpanId: 0, beginNs: 0, endNs: 10_000, name: 'root' },
  {
    spanId: 2,
    parentSpanId: 1,
    beginNs: 100,
    endNs: 2_100,
    name: 'fetch',
    beginThread: 0,
    endThread: 1,
  },
  { spanId: 3, parentSpanId: 2, beginNs: 200, endNs: 700, name: 'parse' },
  { spanId: 4, parentSpanId: 1, beginNs: 3_000, endNs: 3_500, name: 'fetch' },
  { spanId: 5, parentSpanId: 0, beginNs: 5_000, endNs: 9_000, name: 'other', state: SPAN_OPEN },
]);
const tree = buildSpanTree(table);
const row = (id: number) => table.spanId.indexOf(BigInt(id));
const ids = (rows: ArrayLike<number>) => Array.from(rows, (r) => Number(table.spanId[r]));

describe('virtual scroll', () => {
  test('small lists scroll 1:1 and draw only what is in view', () => {
    expect(spacerPx(1000, 20)).toBe(20_000);
    expect(rowWindow(0, 200, 1000, 20, 0)).toEqual({ first: 0, end: 10, topPx: 0 });
    expect(rowWindow(410, 200, 1000, 20, 2)).toEqual({ first: 18, end: 33, topPx: 360 });
    expect(rowWindow(0, 200, 3, 20)).toEqual({ first: 0, end: 3, topPx: 0 });
  });

  test('huge lists are scaled under the height cap and reach their last row', () => {
    const count = 2_000_000;
    const spacer = spacerPx(count, 22);
    expect(spacer).toBe(MAX_SCROLL_PX);
    const bottom = rowWindow(spacer - 500, 500, count, 22, 0);
    expect(bottom.end).toBe(count);
    // The last row's bottom is the spacer's bottom: nothing drawn past the scroll area.
    expect(bottom.topPx + (bottom.end - bottom.first) * 22).toBeCloseTo(spacer, 6);
    const middle = rowWindow(spacer / 2, 500, count, 22, 0);
    expect(middle.first).toBeGreaterThan(count / 2 - 100);
    expect(middle.first).toBeLessThan(count / 2 + 100);
  });

  test('scrollTopToReveal moves the least, or not at all', () => {
    expect(scrollTopToReveal(5, 0, 200, 1000, 20)).toBe(0); // already visible
    expect(scrollTopToReveal(50, 0, 200, 1000, 20)).toBe(51 * 20 - 200); // at the bottom edge
    expect(scrollTopToReveal(3, 400, 200, 1000, 20)).toBe(60); // at the top edge
  });

  test('scaled reveal puts the row in view', () => {
    const count = 2_000_000;
    for (const target of [0, 1234, 999_999, count - 1]) {
      const top = Math.round(scrollTopToReveal(target, 0, 600, count, 22));
      const win = rowWindow(top, 600, count, 22, 0);
      expect(target).toBeGreaterThanOrEqual(win.first);
      expect(target).toBeLessThan(win.end);
      const rowTop = win.topPx + (target - win.first) * 22 - top;
      expect(rowTop).toBeGreaterThanOrEqual(0);
      expect(rowTop + 22).toBeLessThanOrEqual(600);
    }
  });
});

describe('tree filter', () => {
  test('a brush keeps matching spans of the histogram name and their ancestors', () => {
    const fetch = table.names.indexOf('fetch');
    const filter = { brush: { minNs: 1000, maxNs: 3000 }, brushNameIndex: fetch, search: '' };
    const result = filterMarks(table, tree, filter)!;
    expect(result.matchCount).toBe(1);
    expect(result.marks[row(2)]).toBe(MATCH);
    expect(result.marks[row(1)]).toBe(ANCESTOR);
    const all = new Uint8Array(tree.length).fill(1);
    expect(ids(flattenVisible(tree, tree, all, result.marks).rows)).toEqual([1, 2]);
  });

  test('a name search is case-insensitive and combines with the brush', () => {
    const search = filterMarks(table, tree, { brush: null, brushNameIndex: -1, search: 'FeT' })!;
    expect(search.matchCount).toBe(2);
    const both = filterMarks(table, tree, {
      brush: { minNs: 0, maxNs: 600 },
      brushNameIndex: -1,
      search: 'fet',
    })!;
    expect(both.matchCount).toBe(1); // span 4 (500 ns); span 3 is 500 ns but named parse
    expect(both.marks[row(4)] & MATCH).toBe(MATCH);
  });

  test('no brush and a blank search: no filter', () => {
    expect(filterMarks(table, tree, { brush: null, brushNameIndex: -1, search: '  ' })).toBeNull();
  });
});

describe('keyboard', () => {
  const expanded = new Uint8Array(tree.length);
  expanded[row(1)] = 1;
  const visible = flattenVisible(tree, tree, expanded);
  const ctx = (selected: number): TreeKeyContext => ({
    tree,
    visible,
    expanded,
    marks: null,
    selected,
    pageRows: 10,
  });

  test('arrows move through the shown rows', () => {
    expect(ids(visible.rows)).toEqual([1, 2, 4, 5]);
    expect(treeKeyAction('ArrowDown', ctx(-1))).toEqual({ kind: 'select', row: row(1) });
    expect(treeKeyAction('ArrowDown', ctx(row(1)))).toEqual({ kind: 'select', row: row(2) });
    expect(treeKeyAction('ArrowUp', ctx(row(2)))).toEqual({ kind: 'select', row: row(1) });
    expect(treeKeyAction('ArrowDown', ctx(row(5)))).toEqual({ kind: 'select', row: row(5) });
    expect(treeKeyAction('End', ctx(row(1)))).toEqual({ kind: 'select', row: row(5) });
    expect(treeKeyAction('PageUp', ctx(row(5)))).toEqual({ kind: 'select', row: row(1) });
  });

  test('right expands then enters; left collapses then goes up; Enter toggles', () => {
    expect(treeKeyAction('ArrowRight', ctx(row(2)))).toEqual({ kind: 'expand', row: row(2) });
    expect(treeKeyAction('ArrowRight', ctx(row(1)))).toEqual({ kind: 'select', row: row(2) });
    expect(treeKeyAction('ArrowLeft', ctx(row(1)))).toEqual({ kind: 'collapse', row: row(1) });
    expect(treeKeyAction('ArrowLeft', ctx(row(4)))).toEqual({ kind: 'select', row: row(1) });
    expect(treeKeyAction('Enter', ctx(row(1)))).toEqual({ kind: 'collapse', row: row(1) });
    expect(treeKeyAction('Enter', ctx(row(2)))).toEqual({ kind: 'expand', row: row(2) });
    expect(treeKeyAction('Enter', ctx(row(4)))).toBeNull(); // a leaf
    expect(treeKeyAction('x', ctx(row(4)))).toBeNull();
  });
});
