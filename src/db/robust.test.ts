// The data layer under the orders and damage real use brings: files in any order and any number
// of workers, the same capture twice, a corrupted block, files that arrive later (a stream, the
// process, a block that changes the time converter): the tables always end up equal to the oracle.
import { beforeAll, describe, expect, test } from 'vitest';
import { csvField } from '../decode/csv';
import { expectedCsvLines, expectedSummary } from '../decode/testing';
import type { Db } from './db';
import { openNodeDb } from './node-db';
import { fixtureFiles, loadFiles, loadFixture, resetDb, rows, scalar } from './testing';

let db: Db;
beforeAll(async () => {
  db = await openNodeDb();
});

/** Every table's content, sorted: equal fingerprints mean equal tables. */
async function fingerprint(): Promise<string> {
  const parts: string[] = [];
  for (const table of ['processes', 'streams', 'blocks', 'async_events', 'async_spans']) {
    const all = await rows(db, `SELECT * FROM ${table} ORDER BY ALL`);
    parts.push(JSON.stringify(all, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v)));
  }
  return parts.join('\n');
}

/** async_events of a process as oracle CSV lines, sorted (insertion order may differ). */
async function sortedCsv(processId: string): Promise<string[]> {
  const table = await db.query(
    `SELECT stream_id, block_id, epoch_ns(time) AS t, ticks, event_type, span_id, parent_span_id,
       depth, hash, name, filename, target, line FROM async_events WHERE process_id = $1`,
    [processId],
  );
  return table
    .toArray()
    .map((r) =>
      [r.stream_id, r.block_id, r.t, r.ticks, r.event_type, r.span_id, r.parent_span_id]
        .concat([r.depth, r.hash, csvField(r.name), csvField(r.filename), csvField(r.target)])
        .concat([r.line])
        .join(','),
    )
    .sort();
}

function oracleSorted(name: string): string[] {
  return expectedCsvLines(name).slice(1).sort();
}

/** A repeatable shuffle (Park–Miller). */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 16807) % 2147483647;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('order independence', () => {
  test.each(['unclosed', 'mixed'])(
    '%s: any file order, any pool size, same tables',
    async (name) => {
      await resetDb(db);
      await loadFixture(db, name);
      const reference = await fingerprint();
      const delayMs = () => Math.random() * 2;
      const variants = [
        fixtureFiles(name, 'blocks-first'),
        fixtureFiles(name, 'reversed'),
        shuffled(fixtureFiles(name), 42),
      ];
      for (const [i, files] of variants.entries()) {
        await resetDb(db);
        const { summary } = await loadFiles(db, files, { workers: 1 + i, delayMs });
        expect(summary.waiting).toEqual([]);
        expect(await fingerprint()).toBe(reference);
      }
    },
  );
});

describe('loading again', () => {
  test('the same capture twice, or re-encoded, adds no rows', async () => {
    await resetDb(db);
    await loadFixture(db, 'small');
    const once = await fingerprint();
    await loadFixture(db, 'small');
    await loadFixture(db, 'small-legacy-payload');
    expect(await fingerprint()).toBe(once);
  });
});

/** Flips 16 bytes inside the objects LZ4 frame (the second frame) of a block file. */
function corrupt(bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  const magic = [0x04, 0x22, 0x4d, 0x18];
  const frames: number[] = [];
  for (let i = 0; i + 4 <= out.length; i++) {
    if (magic.every((b, k) => out[i + k] === b)) frames.push(i);
  }
  const at = frames[1] + 64;
  for (let i = at; i < at + 16; i++) out[i] ^= 0xff;
  return out;
}

describe('damage', () => {
  test('a corrupted block is reported and everything else loads', async () => {
    await resetDb(db);
    const summary = expectedSummary('small');
    const victim = summary.blocks.reduce((a, b) => (b.async_events > a.async_events ? b : a));
    const files = fixtureFiles('small').map(([path, bytes]): [string, Uint8Array] =>
      path.includes(victim.block_id) ? [path, corrupt(bytes)] : [path, bytes],
    );
    const { summary: load } = await loadFiles(db, files, { workers: 2 });
    expect(load.rejected).toHaveLength(1);
    expect(load.rejected[0]).toMatchObject({ kind: 'corrupt-block', blockId: victim.block_id });
    expect(load.rejected[0].fileName).toContain(victim.block_id);
    const status = await rows(db, 'SELECT status, count(*)::INTEGER AS n FROM blocks GROUP BY 1');
    expect(status.sort((a, b) => String(a.status).localeCompare(String(b.status)))).toEqual([
      { status: 'decoded', n: summary.blocks_total - 1 },
      { status: 'rejected', n: 1 },
    ]);
    const expected = oracleSorted('small').filter((line) => !line.includes(victim.block_id));
    expect(await sortedCsv(summary.process_id)).toEqual(expected);
  });

  test('a file that is not micromegas is rejected by name', async () => {
    await resetDb(db);
    const junk: [string, Uint8Array] = ['notes.txt', new TextEncoder().encode('hello')];
    const { summary } = await loadFiles(db, [junk, ...fixtureFiles('small')]);
    expect(summary.rejected.map((r) => [r.kind, r.fileName])).toEqual([
      ['not-micromegas', 'notes.txt'],
    ]);
    expect(await scalar(db, 'SELECT count(*) FROM async_events')).toBe(378);
  });
});

describe('files that arrive later', () => {
  const name = 'unclosed';
  const summary = expectedSummary(name);

  test('blocks wait for their stream, then decode when it arrives', async () => {
    await resetDb(db);
    const files = fixtureFiles(name);
    const streamFile = files.find(([p]) => p.startsWith('streams/'))!;
    const first = await loadFiles(
      db,
      files.filter((f) => f !== streamFile),
      { workers: 2 },
    );
    const streamId = streamFile[0].slice('streams/'.length, -'.cbor'.length);
    expect(first.summary.waiting).toEqual([
      expect.stringMatching(new RegExp(`^\\d+ blocks of stream ${streamId} wait for its stream`)),
    ]);
    const second = await loadFiles(db, [streamFile]);
    expect(second.summary.waiting).toEqual([]);
    expect(await sortedCsv(summary.process_id)).toEqual(oracleSorted(name));
  });

  test('events wait for their process to be timed', async () => {
    await resetDb(db);
    const files = fixtureFiles(name);
    const processFile = files.find(([p]) => p === 'process.cbor')!;
    const first = await loadFiles(
      db,
      files.filter((f) => f !== processFile),
    );
    expect(first.summary.waiting).toEqual([
      `blocks of process ${summary.process_id} wait for its process file`,
    ]);
    expect(await scalar(db, 'SELECT count(*) FROM async_events WHERE time IS NULL')).toBe(
      summary.async_events_total,
    );
    await loadFiles(db, [processFile]);
    expect(await sortedCsv(summary.process_id)).toEqual(oracleSorted(name));
  });

  test('a later block changes the converter: every row is re-timed exactly', async () => {
    await resetDb(db);
    const latest = summary.blocks.reduce((a, b) =>
      (b as unknown as { end_time: string }).end_time >
      (a as unknown as { end_time: string }).end_time
        ? b
        : a,
    );
    const files = fixtureFiles(name);
    const isLatest = ([p]: [string, Uint8Array]) => p.includes(latest.block_id);
    await loadFiles(
      db,
      files.filter((f) => !isLatest(f)),
      { workers: 2 },
    );
    const before = await sortedCsv(summary.process_id);
    const oracle = oracleSorted(name);
    const others = oracle.filter((line) => !line.includes(latest.block_id));
    expect(before).not.toEqual(others); // the converter differs without the latest block
    await loadFiles(db, files.filter(isLatest));
    expect(await sortedCsv(summary.process_id)).toEqual(oracle);
    const spans = await rows(
      db,
      "SELECT count(*)::INTEGER AS n FROM async_spans WHERE state = 'open'",
    );
    expect(spans).toEqual([{ n: summary.begins_without_end }]);
  });
});

describe('scopes that share a hash', () => {
  test('keep their own names: spans and events take the strings of their own scope', async () => {
    await resetDb(db);
    await loadFixture(db, 'unclosed');
    const spans = `SELECT span_id, name, target, filename, line, state, duration_ns, migrated
      FROM async_spans ORDER BY span_id`;
    const events = `SELECT span_id, event_type, name, target, filename, line FROM async_events
      ORDER BY span_id, event_type`;
    const before = [await rows(db, spans), await rows(db, events)];
    await db.query('UPDATE weft_scopes SET hash = 7');
    expect([await rows(db, spans), await rows(db, events)]).toEqual(before);
    expect(await scalar(db, 'SELECT count(DISTINCT hash) FROM async_spans')).toBe(1);
    expect(await scalar(db, 'SELECT count(DISTINCT name) FROM async_spans')).toBeGreaterThan(1);
  });
});

describe('the converter changes after spans are stored', () => {
  test('async_events and async_spans follow it with no rebuild', async () => {
    await resetDb(db);
    await loadFixture(db, 'unclosed');
    const pid = expectedSummary('unclosed').process_id;
    const frequency = await scalar(
      db,
      'SELECT frequency FROM weft_time_converters WHERE process_id = $1',
      [pid],
    );
    await db.query('UPDATE weft_time_converters SET frequency = frequency * 2');
    const check = `SELECT count(*) FROM async_spans s JOIN async_events e
      ON e.span_id = s.span_id AND e.event_type = 'begin' AND e.time <> s.begin_time`;
    expect(await scalar(db, check)).toBe(0);
    const oracle = oracleSorted('unclosed');
    expect(await sortedCsv(pid)).not.toEqual(oracle);
    await db.query('UPDATE weft_time_converters SET frequency = $1', [frequency]);
    expect(await sortedCsv(pid)).toEqual(oracle);
  });
});
