import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/db';
import { openNodeDb } from '../db/node-db';
import { csvChunks } from './csv-table';

let db: Db;
beforeAll(async () => {
  db = await openNodeDb();
});
afterAll(async () => {
  await db?.close();
});

describe('csvChunks', () => {
  it('writes a header, exact values, quoted text and NULL as an empty field', async () => {
    const table = await db.query(
      `SELECT * FROM (VALUES
         (9007199254740993::BIGINT, 'a "quoted", text' || chr(10) || 'line', TIMESTAMP_NS '2026-11-27 00:30:20.123456789'),
         (-1::BIGINT, NULL, NULL)
       ) t("id", "text, with comma", "at") ORDER BY "id" DESC`,
    );
    expect([...csvChunks(table)].join('')).toBe(
      'id,"text, with comma",at\n' +
        '9007199254740993,"a ""quoted"", text\nline",2026-11-27T00:30:20.123456789Z\n' +
        '-1,,\n',
    );
  });

  it('gives one chunk per batch after the header; an empty result is the header alone', async () => {
    const empty = await db.query('SELECT 1 AS x WHERE false');
    expect([...csvChunks(empty)]).toEqual(['x\n']);
    const table = await db.query('SELECT i FROM range(3) t(i)');
    const chunks = [...csvChunks(table)];
    expect(chunks[0]).toBe('i\n');
    expect(chunks.slice(1).join('')).toBe('0\n1\n2\n');
    expect(chunks.length - 1).toBe(table.batches.filter((b) => b.numRows > 0).length);
  });
});
