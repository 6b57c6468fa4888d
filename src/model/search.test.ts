import { describe, expect, test } from 'vitest';
import { brushToRange, spanInBrush } from './histogram';
import { runInSlices } from '../base/time-slices';
import { layoutLanes } from './lanes';
import {
  emphasisMask,
  emphasisSteps,
  maskedList,
  maskedRows,
  nameMatches,
  stepMatch,
} from './search';
import { maskedEvents, threadEvents } from './thread-events';
import { SPAN_OPEN, type SpanTable } from './span-table';
import { loadSpanTable, makeSpanTable } from './testing';
import { buildSpanTree, MATCH } from './tree';
import { filterMarks, filterMarksSteps } from './tree-filter';

describe('search', () => {
  const table = makeSpanTable([
    { spanId: 1, parentSpanId: 0, beginNs: 0, endNs: 100, name: 'app::Fetch_user' },
    { spanId: 2, parentSpanId: 1, beginNs: 10, endNs: 20, name: 'SELECT users' },
    { spanId: 3, parentSpanId: 1, beginNs: 30, endNs: 90, name: 'app::fetch_orders' },
    { spanId: 4, parentSpanId: 0, beginNs: 200, endNs: 205, name: 'batch_0' },
    { spanId: 5, parentSpanId: 0, beginNs: 300, endNs: 305, name: 'batch_0', state: SPAN_OPEN },
  ]);

  test('names match case-insensitively; empty query is no filter', () => {
    expect(nameMatches(table.names, '  ')).toBeNull();
    expect(Array.from(nameMatches(table.names, 'FETCH')!)).toEqual([1, 0, 1, 0]);
  });

  test('search and brush combine', () => {
    expect(emphasisMask(table, null, null, -1)).toBeNull();
    const names = nameMatches(table.names, 'fetch');
    expect(Array.from(emphasisMask(table, names, null, -1)!)).toEqual([1, 0, 1, 0, 0]);
    const mid = { minNs: 50, maxNs: 70 };
    expect(Array.from(emphasisMask(table, names, mid, -1)!)).toEqual([0, 0, 1, 0, 0]);
  });

  test('a brush match is the histogram one: complete spans of the histogram name only', () => {
    const short = { minNs: 0, maxNs: 10 };
    // the open span 5 (5 ns long) is not a brush match
    expect(Array.from(emphasisMask(table, null, short, -1)!)).toEqual([0, 1, 0, 1, 0]);
    const batch = table.names.indexOf('batch_0');
    expect(Array.from(emphasisMask(table, null, short, batch)!)).toEqual([0, 0, 0, 1, 0]);
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

/** Spans the timeline emphasizes vs spans the tree marks as matches, for one filter. */
function compareWithTree(table: SpanTable, search: string, brushNameIndex: number) {
  const brush = brushToRange(1e3, 1e6)!;
  const mask = emphasisMask(table, nameMatches(table.names, search), brush, brushNameIndex)!;
  const tree = buildSpanTree(table);
  const { marks, matchCount } = filterMarks(table, tree, { brush, brushNameIndex, search })!;
  let inBrushAnyName = 0;
  for (let i = 0; i < table.length; i++) {
    expect(mask[i] === 1).toBe((marks[i] & MATCH) !== 0);
    const d = table.endNs[i] - table.beginNs[i];
    if (d >= brush.minNs && d <= brush.maxNs) inBrushAnyName++;
  }
  expect(maskedList(mask).length).toBe(matchCount);
  return { matchCount, inBrushAnyName };
}

describe('brush matches: timeline emphasis = tree filter (real captures)', () => {
  for (const name of ['medium', 'unclosed']) {
    test(`${name}: same spans for a brush of all names, of one name, with a search`, () => {
      const table = loadSpanTable(name);
      const all = compareWithTree(table, '', -1);
      expect(all.matchCount).toBeGreaterThan(0);
      // the most frequent name, so the brush of one name is a strict subset
      const counts = new Uint32Array(table.names.length);
      for (let i = 0; i < table.length; i++) counts[table.nameIndex[i]]++;
      const top = counts.indexOf(Math.max(...counts));
      const one = compareWithTree(table, '', top);
      expect(one.matchCount).toBeGreaterThan(0);
      expect(one.matchCount).toBeLessThan(one.inBrushAnyName);
      const word = table.names[top].slice(0, 3);
      compareWithTree(table, word, -1);
      let oneByPredicate = 0;
      const brush = brushToRange(1e3, 1e6)!;
      for (let i = 0; i < table.length; i++) oneByPredicate += +spanInBrush(table, i, brush, top);
      expect(one.matchCount).toBe(oneByPredicate);
    });
  }
});

describe('the emphasis in steps (medium)', () => {
  test('equals the passes run at once, and yields between pieces of work', async () => {
    const table = loadSpanTable('medium');
    const layout = layoutLanes(table);
    const events = threadEvents(table);
    const include = Uint8Array.from({ length: table.length }, (_, i) => i % 3);
    const counts = new Uint32Array(table.names.length);
    for (let i = 0; i < table.length; i++) counts[table.nameIndex[i]]++;
    const top = counts.indexOf(Math.max(...counts)); // the most frequent name
    const names = nameMatches(table.names, table.names[top]);
    const brush = brushToRange(1e3, 1e6)!;
    for (const filter of [
      { names, brush: null, brushNameIndex: -1 },
      { names: null, brush, brushNameIndex: -1 },
      { names, brush, brushNameIndex: top },
    ]) {
      const mask = emphasisMask(table, filter.names, filter.brush, filter.brushNameIndex)!;
      const want = {
        rows: maskedRows(layout.rowStart, layout.rowSpans, mask),
        events: maskedEvents(events, mask),
        matches: maskedList(mask, include),
      };
      expect(want.matches.length).toBeGreaterThan(0);
      const steps = emphasisSteps(table, layout, events, include, filter);
      let pieces = 0;
      while (!steps.next().done) pieces++;
      expect(pieces).toBeGreaterThan(table.length / (1 << 15)); // one pass alone has that many
      const got = await runInSlices(emphasisSteps(table, layout, events, include, filter));
      expect(got).toEqual(want);
    }
    // the span tree's marks in slices: the same marks
    const tree = buildSpanTree(table);
    const search = table.names[top];
    for (const filter of [
      { brush, brushNameIndex: top, search, include },
      { brush: null, brushNameIndex: -1, search, include: null },
    ]) {
      const marks = await runInSlices(filterMarksSteps(table, tree, filter));
      expect(marks).toEqual(filterMarks(table, tree, filter));
      expect(marks!.matchCount).toBeGreaterThan(0);
    }
    const none = { names: null, brush: null, brushNameIndex: -1 };
    expect(await runInSlices(emphasisSteps(table, layout, events, include, none))).toBeNull();
  });
});
