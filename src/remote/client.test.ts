import { describe, expect, it } from 'vitest';
import { defaultDataSource, fetchDataSources, queryStream, setRemoteFetch } from './client';
import { RemoteError } from './errors';
import { registerLz4Codec } from '../server/lz4-encoder';
import { tableFrames } from './frame-writer';
import { chunkedResponse, fakeFetch, sampleTable } from './testing';

registerLz4Codec();

const BASE = 'https://mm.example.com/analytics';
const CONN = { baseUrl: `${BASE}/`, dataSource: 'prod', bearerToken: 'tok-123' };

async function withFetch<T>(
  answer: (url: string, init: RequestInit) => Response,
  run: () => Promise<T>,
) {
  const fake = fakeFetch(answer);
  const previous = setRemoteFetch(fake.fetch);
  try {
    return { result: await run().catch((e: unknown) => e), calls: fake.calls };
  } finally {
    setRemoteFetch(previous);
  }
}

describe('remote client', () => {
  it('posts the request micromegas expects, with cookie and bearer token', async () => {
    const { table } = sampleTable([2]);
    const { result, calls } = await withFetch(
      () => chunkedResponse(tableFrames(table, true)),
      () =>
        queryStream(CONN, { sql: 'SELECT 1', params: { pid: 'x' }, beginIso: 'b', endIso: 'e' }),
    );
    expect((result as { numRows: number }).numRows).toBe(2);
    expect(calls[0].url).toBe(`${BASE}/api/query-stream`);
    expect(calls[0].init.method).toBe('POST');
    expect(calls[0].init.credentials).toBe('include');
    expect((calls[0].init.headers as Record<string, string>).Authorization).toBe('Bearer tok-123');
    expect(JSON.parse(String(calls[0].init.body))).toEqual({
      sql: 'SELECT 1',
      params: { pid: 'x' },
      begin: 'b',
      end: 'e',
      data_source: 'prod',
    });
  });

  it('sends no Authorization header without a token', async () => {
    const { calls } = await withFetch(
      () => new Response('[]', { status: 200 }),
      () => fetchDataSources(BASE, {}),
    );
    expect((calls[0].init.headers as Record<string, string>).Authorization).toBeUndefined();
  });

  it('lists data sources and picks the default', async () => {
    const body = JSON.stringify([
      { name: 'a', is_default: false },
      { name: 'b', is_default: true },
    ]);
    const { result } = await withFetch(
      () => new Response(body),
      () => fetchDataSources(BASE, {}),
    );
    expect(result).toEqual([
      { name: 'a', isDefault: false },
      { name: 'b', isDefault: true },
    ]);
    expect(defaultDataSource(result as never)).toBe('b');
    expect(defaultDataSource([])).toBeNull();
  });

  it('explains 401 with the login URL', async () => {
    const { result } = await withFetch(
      () => new Response('', { status: 401 }),
      () => queryStream(CONN, { sql: 'SELECT 1' }),
    );
    const error = result as RemoteError;
    expect(error).toBeInstanceOf(RemoteError);
    expect(error.kind).toBe('unauthorized');
    expect(error.loginUrl).toBe(`${BASE}/auth/login`);
    expect(error.message).toContain(`${BASE}/auth/login`);
  });

  it('explains 403 with the error frame it carries', async () => {
    const frame = JSON.stringify({ type: 'error', code: 'FORBIDDEN', message: 'blocked function' });
    const { result } = await withFetch(
      () => new Response(frame, { status: 403 }),
      () => queryStream(CONN, { sql: 'SELECT retire_partitions()' }),
    );
    const error = result as RemoteError;
    expect([error.kind, error.code, error.status]).toEqual(['forbidden', 'FORBIDDEN', 403]);
    expect(error.message).toContain('blocked function');
  });

  it('explains an unreachable server or a CORS refusal', async () => {
    const { result } = await withFetch(
      () => {
        throw new TypeError('Failed to fetch');
      },
      () => fetchDataSources(BASE, {}),
    );
    const error = result as RemoteError;
    expect(error.kind).toBe('unreachable');
    expect(error.message).toMatch(/CORS/);
    expect(error.message).toMatch(/--upstream/);
  });

  it('names other HTTP statuses and their text', async () => {
    const { result } = await withFetch(
      () => new Response('upstream down', { status: 502 }),
      () => fetchDataSources(BASE, {}),
    );
    expect((result as RemoteError).kind).toBe('http');
    expect((result as RemoteError).message).toMatch(/502.*upstream down/);
  });
});
