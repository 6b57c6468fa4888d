// Loading a capture in steps (a second drop, live blocks: ingest packs a process's spans between
// steps and unpacks them when a step brings it events) leaves the database with the rows loading
// it at once leaves: weft_spans row for row, and the async_spans view the panels read (ingest's
// own rows are compared on medium too, in ingest/load-steps.test.ts).
import type { Table } from 'apache-arrow';
import { beforeAll, describe, expect, test } from 'vitest';
import { expectedSummary } from '../decode/testing';
import type { Db } from './db';
import { openNodeDb } from './node-db';
import { fixtureFiles, loadFiles, resetDb } from './testing';

let db: Db;
beforeAll(async () => {
  db = await openNodeDb();
});

/** Each column of `sql`'s result: typed arrays as their bytes, other columns as arrays. */
async function columns(sql: string): Promise<Record<string, unknown>> {
  const table: Table = await db.query(sql);
  const values = (name: string): unknown => {
    const v: unknown = table.getChild(name)!.toArray();
    return ArrayBuffer.isView(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : v;
  };
  return Object.fromEntries(table.schema.fields.map((f) => [f.name, values(f.name)]));
}

async function rowsAfter(steps: [string, Uint8Array][][]) {
  await resetDb(db);
  for (const files of steps) await loadFiles(db, files, { workers: 2 });
  return {
    spans: await columns('SELECT * FROM weft_spans ORDER BY process_key, span_id'),
    view: await columns('SELECT * FROM async_spans ORDER BY process_id, span_id'),
  };
}

describe('a capture loaded in steps leaves the rows it leaves loaded at once', () => {
  test('unclosed: metadata and the first half of the blocks, then the other half', async () => {
    const files = fixtureFiles('unclosed');
    const meta = files.filter(([path]) => !path.startsWith('blocks/'));
    const blocks = files.filter(([path]) => path.startsWith('blocks/'));
    const half = Math.ceil(blocks.length / 2);
    const once = await rowsAfter([[...meta, ...blocks]]);
    const spans = expectedSummary('unclosed').distinct_span_ids;
    expect((once.spans.span_id as Buffer).byteLength).toBe(8 * spans);
    const stepwise = await rowsAfter([[...meta, ...blocks.slice(0, half)], blocks.slice(half)]);
    expect(Object.keys(stepwise.spans)).toEqual(Object.keys(once.spans));
    for (const name of Object.keys(once.spans))
      expect(stepwise.spans[name]).toEqual(once.spans[name]);
    for (const name of Object.keys(once.view)) expect(stepwise.view[name]).toEqual(once.view[name]);
  }, 120_000);
});
