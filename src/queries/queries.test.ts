// The UI's queries over real captures (small + unclosed loaded together), checked against the
// fixtures' summaries and the oracle rows.
import { beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../db/db';
import { openNodeDb } from '../db/node-db';
import { loadFixture } from '../db/testing';
import { expectedSummary, expectedSummaryText } from '../decode/testing';
import { isMigrated, SPAN_COMPLETE, SPAN_OPEN, SPAN_ORPHAN_END } from '../model/span-table';
import { captureStats, listProcesses, spanNames } from './stats';
import { loadSpanTable } from './span-table';
import { oracleEvents, oracleSpans } from './testing';

const SMALL = expectedSummary('small');
const UNCLOSED = expectedSummary('unclosed');

let db: Db;
beforeAll(async () => {
  db = await openNodeDb();
  await loadFixture(db, 'small', { workers: 2 });
  await loadFixture(db, 'unclosed', { workers: 2 });
});

/** start_time_ns exceeds 2^53: read it from the JSON text. */
function startNs(capture: string): bigint {
  return BigInt(/"start_time_ns": (\d+)/.exec(expectedSummaryText(capture))![1]);
}

describe('counts', () => {
  test('captureStats adds up both captures', async () => {
    expect(await captureStats(db)).toEqual({
      processes: 2,
      streams: SMALL.streams_total + UNCLOSED.streams_total,
      threads: SMALL.streams_by_tag.cpu + UNCLOSED.streams_by_tag.cpu,
      blocks: SMALL.blocks_total + UNCLOSED.blocks_total,
      events: SMALL.async_events_total + UNCLOSED.async_events_total,
      spans: SMALL.distinct_span_ids + UNCLOSED.distinct_span_ids,
      openSpans: UNCLOSED.begins_without_end,
      orphanEnds: UNCLOSED.ends_without_begin,
      migratedSpans:
        SMALL.spans_begin_and_end_in_different_streams +
        UNCLOSED.spans_begin_and_end_in_different_streams,
    });
  });

  test('listProcesses gives each process with its counts, oldest first', async () => {
    const processes = await listProcesses(db);
    expect(processes.map((p) => p.processId)).toEqual([UNCLOSED.process_id, SMALL.process_id]);
    const unclosed = processes[0];
    expect(unclosed.exe).toBe('/opt/telemetry-demo/bin/telemetry-demo');
    expect(unclosed.startNs).toBe(startNs('unclosed'));
    expect(unclosed.threads).toBe(5);
    expect(unclosed.events).toBe(UNCLOSED.async_events_total);
    expect(unclosed.spans).toBe(UNCLOSED.distinct_span_ids);
  });

  test('spanNames lists every name with its span count', async () => {
    const names = await spanNames(db, UNCLOSED.process_id);
    const expected = (UNCLOSED as unknown as { distinct_span_names: string[] }).distinct_span_names;
    expect(names.map((n) => n.name).sort()).toEqual(expected);
    expect(names.reduce((n, s) => n + s.spans, 0)).toBe(UNCLOSED.distinct_span_ids);
    for (let i = 1; i < names.length; i++) {
      expect(names[i - 1].spans).toBeGreaterThanOrEqual(names[i].spans);
    }
  });
});

describe('loadSpanTable', () => {
  test('unclosed: one row per span, sorted, relative to the process start', async () => {
    const table = await loadSpanTable(db, UNCLOSED.process_id);
    const origin = startNs('unclosed');
    const times = oracleEvents('unclosed').map((e) => e.timeNs);
    const first = times.reduce((a, b) => (a < b ? a : b));
    const last = times.reduce((a, b) => (a > b ? a : b));
    expect(table.length).toBe(UNCLOSED.distinct_span_ids);
    expect(table.originNs).toBe(origin);
    expect(table.captureBeginNs).toBe(Number(first - origin));
    expect(table.captureEndNs).toBe(Number(last - origin));
    for (let i = 1; i < table.length; i++) {
      const ordered =
        table.beginNs[i - 1] < table.beginNs[i] ||
        (table.beginNs[i - 1] === table.beginNs[i] && table.spanId[i - 1] < table.spanId[i]);
      expect(ordered).toBe(true);
    }
  });

  test('unclosed: every span equals the oracle (times, state, threads, names)', async () => {
    const table = await loadSpanTable(db, UNCLOSED.process_id);
    const spans = oracleSpans('unclosed');
    const origin = startNs('unclosed');
    const threadOf = new Map(table.threads.map((t, i) => [t.streamId, i]));
    const counts = [0, 0, 0];
    let migrated = 0;
    for (let i = 0; i < table.length; i++) {
      const o = spans.get(table.spanId[i])!;
      const state = o.begin && o.end ? SPAN_COMPLETE : o.begin ? SPAN_OPEN : SPAN_ORPHAN_END;
      counts[table.state[i]]++;
      expect(table.state[i]).toBe(state);
      const begin = o.begin ? Number(o.begin.timeNs - origin) : table.captureBeginNs;
      const end = o.end ? Number(o.end.timeNs - origin) : table.captureEndNs;
      expect([table.beginNs[i], table.endNs[i]]).toEqual([begin, end]);
      expect(table.names[table.nameIndex[i]]).toBe(o.name);
      expect(table.parentSpanId[i]).toBe(o.parentSpanId);
      expect(table.depth[i]).toBe(o.depth);
      expect(table.beginThread[i]).toBe(o.begin ? threadOf.get(o.begin.streamId) : -1);
      expect(table.endThread[i]).toBe(o.end ? threadOf.get(o.end.streamId) : -1);
      if (isMigrated(table, i)) migrated++;
    }
    expect(counts).toEqual([
      UNCLOSED.distinct_span_ids - UNCLOSED.begins_without_end - UNCLOSED.ends_without_begin,
      UNCLOSED.begins_without_end,
      UNCLOSED.ends_without_begin,
    ]);
    expect(migrated).toBe(UNCLOSED.spans_begin_and_end_in_different_streams);
  });

  test('threads are the cpu streams, named by thread-name', async () => {
    const table = await loadSpanTable(db, SMALL.process_id);
    const expected = SMALL.streams
      .filter((s) => s.tags.includes('cpu'))
      .map((s) => ({ streamId: s.stream_id, name: s.properties['thread-name'] }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    expect(table.threads).toEqual(expected);
    const location = table.locations[table.locationIndex[0]];
    expect(location.filename).toMatch(/\.rs$/);
    expect(location.line).toBeGreaterThan(0);
  });

  test('an unknown process gives an empty table', async () => {
    const table = await loadSpanTable(db, '00000000-0000-0000-0000-000000000000');
    expect(table.length).toBe(0);
    expect(table.spanId.length).toBe(0);
  });
});

describe('loadSpanTable when two scopes share a hash (runs last: it alters weft_scopes)', () => {
  test('numbers names and locations the same way (scopes are keyed by all their fields)', async () => {
    const before = await loadSpanTable(db, SMALL.process_id);
    await db.query('UPDATE weft_scopes SET hash = 7');
    const after = await loadSpanTable(db, SMALL.process_id);
    expect(after.names).toEqual(before.names);
    expect(after.locations).toEqual(before.locations);
    expect(after.nameIndex).toEqual(before.nameIndex);
    expect(after.locationIndex).toEqual(before.locationIndex);
    expect(after.spanId).toEqual(before.spanId);
  });
});
