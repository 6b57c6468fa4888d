import { describe, expect, test } from 'vitest';
import { selfBoundFlags, selfTimesNs } from '../../model/self-time';
import { SPAN_OPEN, SPAN_ORPHAN_END, type SpanTable } from '../../model/span-table';
import { loadSpanTable, makeSpanTable, type SpanSpec } from '../../model/testing';
import { buildSpanTree } from '../../model/tree';
import { columnUnit, columnUnits, formatInUnit, rowCells, type CellSource } from './tree-cells';

function source(table: SpanTable): CellSource {
  const tree = buildSpanTree(table);
  return {
    spans: table,
    selfNs: selfTimesNs(table, tree),
    selfIsBound: selfBoundFlags(table, tree),
    units: columnUnits(table),
  };
}

const specs: SpanSpec[] = [
  { spanId: 1, parentSpanId: 0, beginNs: 0, endNs: 10_000, name: 'root' },
  { spanId: 2, parentSpanId: 1, beginNs: 100, endNs: 2_100, name: 'fetch', endThread: 1 },
  { spanId: 3, parentSpanId: 2, beginNs: 200, endNs: 700, name: 'parse' },
  { spanId: 4, parentSpanId: 1, beginNs: 3_000, endNs: 3_500, name: 'fetch' },
  { spanId: 5, parentSpanId: 0, beginNs: 5_000, endNs: 9_000, name: 'other', state: SPAN_OPEN },
  { spanId: 6, parentSpanId: 0, beginNs: 9_100, endNs: 9_900, name: 'waits' },
  { spanId: 7, parentSpanId: 6, beginNs: 9_200, endNs: 10_000, name: 'spawned', state: SPAN_OPEN },
];
const table = makeSpanTable(specs);
const cells = source(table);
const row = (id: number) => table.spanId.indexOf(BigInt(id));

describe('row cells', () => {
  test('one unit per column, named in the header; values exact to the ns', () => {
    expect(cells.units.start.name).toBe('µs');
    expect(cells.units.duration.name).toBe('µs');
    expect(rowCells(cells, row(2))).toMatchObject({
      name: 'fetch',
      start: '0.100',
      duration: '2.000',
      self: '1.500',
      beginThread: 'worker-0',
      endThread: 'worker-1',
      state: 'complete',
      migrated: true,
    });
  });

  test('every capture: Duration and Self in one unit, self never above duration', () => {
    for (const fixture of ['small', 'mixed']) {
      const t = loadSpanTable(fixture);
      const s = source(t);
      const unit = s.units.duration;
      const parse = (text: string) => Number(text.replace(/^≥ /, '').replaceAll(',', ''));
      for (let i = 0; i < t.length; i++) {
        const c = rowCells(s, i);
        const durationNs = t.endNs[i] - t.beginNs[i];
        expect(parse(c.duration)).toBeCloseTo(durationNs / unit.ns, unit.decimals);
        expect(parse(c.self)).toBeCloseTo(s.selfNs[i] / unit.ns, unit.decimals);
        expect(parse(c.self)).toBeLessThanOrEqual(parse(c.duration));
      }
    }
  });

  test('thousands separators; tiny values in a large unit do not read as zero', () => {
    const us = columnUnit(5e8);
    expect(formatInUnit(7_460_123, us)).toBe('7,460.123');
    expect(formatInUnit(0, us)).toBe('0.000');
    const ms = columnUnit(5e9);
    expect(ms.name).toBe('ms');
    expect(formatInUnit(190, ms)).toBe('< 0.001');
    expect(formatInUnit(3_600e9, ms)).toBe('3,600,000.000');
    expect(columnUnit(999).name).toBe('ns');
  });

  test('open spans and orphan ends show lower bounds', () => {
    expect(rowCells(cells, row(5))).toMatchObject({ duration: '≥ 4.000', state: 'open' });
    const orphan = makeSpanTable([
      { spanId: 9, parentSpanId: 0, beginNs: 0, endNs: 50, state: SPAN_ORPHAN_END },
    ]);
    orphan.beginThread[0] = -1;
    const c = rowCells(source(orphan), 0);
    expect(c).toMatchObject({ start: '—', duration: '≥ 50', self: '≥ 50', beginThread: '—' });
    expect(c.state).toBe('orphan end');
  });

  test('a complete span whose child is open shows its self time as a bound', () => {
    const c = rowCells(cells, row(6));
    expect(c.duration).toBe('0.800');
    expect(c.self).toBe(`≥ ${formatInUnit(cells.selfNs[row(6)], cells.units.duration)}`);
    expect(c.self).toBe('≥ 0.100');
    // a complete parent of complete children stays exact
    expect(rowCells(cells, row(1)).self).not.toMatch(/≥/);
  });
});
