// Filters: the duration predicate's grammar, and on every real capture each filter (and the range
// rule) keeps exactly the spans a SQL predicate over async_spans keeps; statistics under a filter
// and a range equal SQL's with the same predicate.
import { describe, expect, test } from 'vitest';
import { rows } from '../db/testing';
import type { SqlParam } from '../db/db';
import { CAPTURES } from '../decode/testing';
import { capturedTable, fileDb, truthSelectedSql, truthStatsSql } from '../queries/testing';
import { statisticsOf } from './analysis';
import {
  EMPTY_FILTER,
  compileFilter,
  parseDuration,
  selectionMask,
  type RangeNs,
  type SearchAndBrush,
  type SpanFilter,
} from './span-filter';
import type { SpanTable } from './span-table';
import { makeSpanTable } from './testing';

describe('duration predicates', () => {
  test('comparisons on integer nanoseconds, units, ranges', () => {
    expect(parseDuration('>1ms')).toEqual({ minNs: 1_000_001, maxNs: Infinity });
    expect(parseDuration('>= 1.1ms')).toEqual({ minNs: 1_100_000, maxNs: Infinity });
    expect(parseDuration('<2us')).toEqual({ minNs: 0, maxNs: 1999 });
    expect(parseDuration('<=1.5')).toEqual({ minNs: 0, maxNs: 1 });
    expect(parseDuration('=0')).toEqual({ minNs: 0, maxNs: 0 });
    expect(parseDuration('1ms..2s')).toEqual({ minNs: 1e6, maxNs: 2e9 });
    expect(parseDuration('5 µs')).toEqual({ minNs: 5000, maxNs: 5000 });
    expect(parseDuration('')).toEqual({ minNs: 0, maxNs: Infinity });
    for (const bad of ['>', 'fast', '1 h', '>-1ms', '1ms..']) expect(parseDuration(bad)).toBeNull();
  });

  test('a bad part is reported and ignored; a duration keeps complete spans only', () => {
    const table = makeSpanTable([
      { spanId: 1, parentSpanId: 0, beginNs: 0, endNs: 5_000_000 },
      { spanId: 2, parentSpanId: 0, beginNs: 0, endNs: 5_000_000, state: 1 },
      { spanId: 3, parentSpanId: 0, beginNs: 0, endNs: 10 },
    ]);
    const bad = compileFilter(table, { ...EMPTY_FILTER, name: '/(/', duration: 'fast' });
    expect(bad.errors).toHaveLength(2);
    expect([0, 1, 2].map(bad.test)).toEqual([true, true, true]);
    const mask = selectionMask(table, { ...EMPTY_FILTER, duration: '>1ms' }, null)!;
    expect([...mask]).toEqual([1, 0, 0].map((_, i) => (table.spanId[i] === 1n ? 1 : 0)));
    const idle = { search: '  ', brush: null, brushNameIndex: -1 };
    expect(selectionMask(table, EMPTY_FILTER, null, idle)).toBeNull(); // no filter: every span
  });
});

interface Case {
  label: string;
  filter: Partial<SpanFilter>;
  range?: RangeNs;
  /** The name search and histogram brush, as the export's "current filter" adds them. */
  emphasis?: SearchAndBrush;
  sql: string;
  params: SqlParam[];
}

/** Filters built from the capture's own names, locations and threads, with their SQL. */
function cases(table: SpanTable): Case[] {
  const name = table.names[table.names.length - 1];
  const part = name.slice(Math.floor(name.length / 3), Math.floor(name.length / 3) + 4);
  const { target, filename } = table.locations[0];
  const first = table.threads[0].name;
  const last = table.threads[table.threads.length - 1].name;
  const third = (table.captureEndNs - table.captureBeginNs) / 3;
  const range = { startNs: table.captureBeginNs + third, endNs: table.captureBeginNs + 2 * third };
  const sub = (col: string) => `contains(lower(${col}), lower($2))`;
  return [
    { label: 'name part', filter: { name: part.toUpperCase() }, sql: sub('name'), params: [part] },
    {
      label: 'name regex',
      filter: { name: `/^${name.slice(0, 3)}.*${name.slice(-2)}$/i` },
      sql: `regexp_matches(name, $2, 'i')`,
      params: [`^${name.slice(0, 3)}.*${name.slice(-2)}$`],
    },
    { label: 'target', filter: { target }, sql: sub('target'), params: [target] },
    { label: 'file', filter: { file: filename }, sql: sub('filename'), params: [filename] },
    {
      label: 'begin thread',
      filter: { beginThread: first },
      sql: sub('begin_thread'),
      params: [first],
    },
    { label: 'end thread', filter: { endThread: last }, sql: sub('end_thread'), params: [last] },
    ...(['complete', 'open', 'orphan_end'] as const).map((state) => ({
      label: `state ${state}`,
      filter: { state },
      sql: 'state = $2',
      params: [state],
    })),
    { label: 'migrated', filter: { migrated: 'yes' }, sql: 'migrated', params: [] },
    { label: 'not migrated', filter: { migrated: 'no' }, sql: 'NOT migrated', params: [] },
    { label: '>1ms', filter: { duration: '>1ms' }, sql: 'duration_ns > 1000000', params: [] },
    { label: '<=10us', filter: { duration: '<=10us' }, sql: 'duration_ns <= 10000', params: [] },
    {
      label: '1ms..5ms',
      filter: { duration: '1ms..5ms' },
      sql: 'duration_ns BETWEEN 1000000 AND 5000000',
      params: [],
    },
    {
      label: 'middle third of the capture',
      filter: {},
      range,
      sql: `CASE WHEN state = 'orphan_end' THEN e ELSE b END >= $2 AND CASE WHEN state = 'orphan_end' THEN e ELSE b END < $3`,
      params: [range.startNs, range.endNs],
    },
    {
      label: 'search + brush (all names) + range',
      filter: {},
      range,
      emphasis: { search: part, brush: { minNs: 1000, maxNs: 1_000_000 }, brushNameIndex: -1 },
      sql: `${sub('name')} AND state = 'complete' AND duration_ns BETWEEN 1000 AND 1000000 AND b >= $3 AND b < $4`,
      params: [part, range.startNs, range.endNs],
    },
    {
      label: 'brush of one name (unbounded) + begin thread',
      filter: { beginThread: first },
      emphasis: {
        search: '',
        brush: { minNs: 0, maxNs: Infinity },
        brushNameIndex: table.names.indexOf(name),
      },
      sql: `name = $2 AND state = 'complete' AND ${sub('begin_thread').replace('$2', '$3')}`,
      params: [name, first],
    },
    {
      label: 'thread + not migrated + range',
      filter: { beginThread: first, migrated: 'no' },
      range,
      sql: `${sub('begin_thread')} AND NOT migrated AND b >= $3 AND b < $4 AND state <> 'orphan_end'`,
      params: [first, range.startNs, range.endNs],
    },
  ];
}

const shared = fileDb();

describe.each(CAPTURES)('filters on %s equal SQL predicates', (capture) => {
  const loaded = capturedTable(shared, capture);

  test('each filter keeps the spans its predicate keeps', async () => {
    let partial = 0; // filters that keep some spans and drop others
    for (const c of cases(loaded.table)) {
      const filter = { ...EMPTY_FILTER, ...c.filter };
      const mask = selectionMask(loaded.table, filter, c.range ?? null, c.emphasis)!;
      const got = [...loaded.table.spanId.filter((_, i) => mask[i] === 1)].sort((a, b) =>
        a < b ? -1 : a > b ? 1 : 0,
      );
      const want = (
        await rows(shared.db, truthSelectedSql(c.sql), [loaded.processId, ...c.params])
      ).map((r) => BigInt(r.span_id as bigint));
      expect({ label: c.label, ids: got }).toEqual({ label: c.label, ids: want });
      if (got.length > 0 && got.length < loaded.table.length) partial++;
    }
    expect(partial).toBeGreaterThanOrEqual(6);
  });

  test('statistics under a filter and a range equal SQL with the same predicate', async () => {
    const c = cases(loaded.table).at(-1)!;
    const got = statisticsOf(loaded.table, { ...EMPTY_FILTER, ...c.filter }, c.range!);
    const want = await rows(shared.db, truthStatsSql(c.sql), [loaded.processId, ...c.params]);
    expect(got.map((s) => [s.name, s.count, s.totalNs, s.selfNs, s.p90Ns, s.open])).toEqual(
      want.map((r) => [r.name, r.count, r.total_ns, r.self_ns, r.p90_ns ?? NaN, r.open]),
    );
  });
});
