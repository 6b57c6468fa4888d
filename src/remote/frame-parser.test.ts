import { describe, expect, it } from 'vitest';
import type { Table } from 'apache-arrow';
import { registerLz4Codec } from '../server/lz4-encoder';
import { queryStream, setRemoteFetch } from './client';
import { RemoteError } from './errors';
import { FrameParser, type Frame } from './frame-parser';
import { batchFrame, errorFrame, schemaFrame, tableFrames } from './frame-writer';
import { chunkedResponse, concatBytes, fakeFetch, sampleTable, type SampleRows } from './testing';
import { binaries, bigints, textLists, texts, timestampsNs } from './values';

registerLz4Codec();

const CONN = { baseUrl: 'http://mm.test/analytics', dataSource: 'local' };

function parseAll(chunks: Uint8Array[]): Frame[] {
  const parser = new FrameParser();
  const frames = chunks.flatMap((c) => parser.push(c));
  parser.end();
  return frames;
}

/** The sample columns as plain values, read the exact way the client reads them. */
function columns(table: Table) {
  return {
    names: texts(table, 'name'),
    threads: texts(table, 'thread'),
    counts: bigints(table, 'count'),
    timesNs: timestampsNs(table, 'time'),
    blobs: binaries(table, 'blob').map((b) => Array.from(b!)),
    tags: textLists(table, 'tags'),
  };
}

function expected(rows: SampleRows[]) {
  return {
    names: rows.flatMap((r) => r.names),
    threads: rows.flatMap((r) => r.threads),
    counts: rows.flatMap((r) => r.counts),
    timesNs: rows.flatMap((r) => r.timesNs),
    blobs: rows.flatMap((r) => r.blobs.map((b) => Array.from(b))),
    tags: rows.flatMap((r) => r.tags),
  };
}

/** Frames as one string (types, rows, every body byte), compared cheaply at thousands of cuts. */
function signature(frames: Frame[]): string {
  return frames
    .map((f) => {
      if (f.type === 'done') return 'done';
      if (f.type === 'error') return `error ${f.code} ${f.message}`;
      const rows = f.type === 'batch' ? f.rows : '';
      return `${f.type} ${rows} ${Buffer.from(f.body).toString('base64')}`;
    })
    .join('|');
}

async function query(chunks: Uint8Array[]): Promise<Table> {
  const previous = setRemoteFetch(fakeFetch(() => chunkedResponse(chunks)).fetch);
  try {
    return await queryStream(CONN, { sql: 'SELECT 1' });
  } finally {
    setRemoteFetch(previous);
  }
}

describe('frame parser', () => {
  const { table, rows } = sampleTable([5, 3, 4]);
  const response = concatBytes(tableFrames(table, true));
  const whole = parseAll([response]);

  it('reads schema, batch and done frames with their declared sizes and rows', () => {
    expect(whole.map((f) => f.type)).toEqual(['schema', 'batch', 'batch', 'batch', 'done']);
    expect(
      whole.filter((f) => f.type === 'batch').map((f) => (f as { rows: number }).rows),
    ).toEqual(rows.map((r) => r.names.length));
  });

  it('gives the same frames at every split point of the response', () => {
    const want = signature(whole);
    const differing: number[] = [];
    for (let cut = 0; cut <= response.length; cut++) {
      const frames = parseAll([response.subarray(0, cut), response.subarray(cut)]);
      if (signature(frames) !== want) differing.push(cut);
    }
    expect(response.length).toBeGreaterThan(1000);
    expect(differing).toEqual([]);
  });

  it('gives the same frames fed one byte at a time', () => {
    const bytes = Array.from({ length: response.length }, (_, i) => response.subarray(i, i + 1));
    expect(parseAll(bytes)).toEqual(whole);
  });

  it('decodes the same table at split points across every frame boundary', async () => {
    const want = expected(rows);
    const boundaries = [0, 1, 20, response.length >> 2, response.length >> 1, response.length - 3];
    for (const cut of boundaries) {
      const got = await query([response.subarray(0, cut), response.subarray(cut)]);
      expect(columns(got)).toEqual(want);
    }
  });

  it('reads compressed and uncompressed bodies to the same values', async () => {
    const plain = concatBytes(tableFrames(table, false));
    const compressed = response;
    const lz4Magic = (b: Uint8Array) =>
      b.some(
        (_, i) => b[i] === 0x04 && b[i + 1] === 0x22 && b[i + 2] === 0x4d && b[i + 3] === 0x18,
      );
    expect(lz4Magic(compressed)).toBe(true);
    expect(lz4Magic(plain)).toBe(false);
    expect(columns(await query([plain]))).toEqual(expected(rows));
    expect(columns(await query([compressed]))).toEqual(expected(rows));
  });

  it('turns an error frame into a query error with its code and message', async () => {
    const parts = [...schemaFrame(table.schema), ...batchFrame(table.batches[0], true)];
    parts.push(errorFrame('INVALID_SQL', 'table "nope" not found'));
    const error = await query([concatBytes(parts)]).catch((e) => e);
    expect(error).toBeInstanceOf(RemoteError);
    expect(error.kind).toBe('query');
    expect(error.code).toBe('INVALID_SQL');
    expect(error.message).toContain('INVALID_SQL');
    expect(error.message).toContain('table "nope" not found');
  });

  it('reports an error frame sent before any schema', async () => {
    const error = await query([errorFrame('FORBIDDEN', 'no')]).catch((e) => e);
    expect([error.kind, error.code]).toEqual(['query', 'FORBIDDEN']);
  });

  it('says a stream cut short inside a body or before done is cut short', async () => {
    const inBody = response.subarray(0, response.length - 40);
    const afterFrame = concatBytes(tableFrames(table, true).slice(0, -1));
    for (const cut of [inBody, afterFrame]) {
      const error = await query([cut]).catch((e) => e);
      expect(error).toBeInstanceOf(RemoteError);
      expect(error.kind).toBe('protocol');
      expect(error.message).toMatch(/cut short/);
    }
    expect(() => parseAll([inBody])).toThrow(/declared \d+ bytes, only \d+ arrived/);
  });

  it('refuses lines that are not frames and absurd sizes', () => {
    const enc = new TextEncoder();
    expect(() => parseAll([enc.encode('<html>\n')])).toThrow(/expected a frame header/);
    expect(() => parseAll([enc.encode('{"type":"batch","size":-1}\n')])).toThrow(/size -1/);
    expect(() => parseAll([enc.encode('{"type":"batch","size":1e12}\n')])).toThrow(/size/);
  });

  it('reads an empty result (schema, done) as a table with its columns and no rows', async () => {
    const got = await query([
      concatBytes([...schemaFrame(table.schema), ...tableFrames(table, true).slice(-1)]),
    ]);
    expect(got.numRows).toBe(0);
    expect(got.schema.fields.map((f) => f.name)).toEqual(table.schema.fields.map((f) => f.name));
  });
});
