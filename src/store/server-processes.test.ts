import { describe, expect, it } from 'vitest';
import { fromServerSummary, matchesFilter, serverLister } from './server-processes';
import { fakeFetch } from './testing';

describe('server processes', () => {
  const summary = {
    id: 'p1',
    url: '/captures/p1/',
    exe: '/bin/app',
    startTime: '2026-01-01T10:00:00Z',
    computer: 'c',
    username: 'u',
    blockCount: 7,
    lastBlockTime: '2026-01-01T10:05:00Z',
    blocksByTag: { cpu: 5, log: 2 },
  };

  it('reads /api/processes entries', () => {
    expect(fromServerSummary(summary)).toEqual({
      processId: 'p1',
      exe: '/bin/app',
      computer: 'c',
      username: 'u',
      startTime: '2026-01-01T10:00:00Z',
      lastBlockTime: '2026-01-01T10:05:00Z',
      cpuBlocks: 5,
      totalBlocks: 7,
    });
    expect(fromServerSummary({ url: 'x' })).toBeNull();
  });

  it('filters by text and by overlap with the time range', () => {
    const p = fromServerSummary(summary)!;
    const f = (text: string, beginIso: string | null, endIso: string | null) =>
      matchesFilter(p, { text, beginIso, endIso });
    expect(f('APP', null, null)).toBe(true);
    expect(f('other', null, null)).toBe(false);
    expect(f('', '2026-01-01T10:04:00Z', null)).toBe(true);
    expect(f('', '2026-01-01T10:06:00Z', null)).toBe(false);
    expect(f('', null, '2026-01-01T09:59:00Z')).toBe(false);
  });

  it('answers null without a weft server', async () => {
    const signal = new AbortController().signal;
    const filter = { text: '', beginIso: null, endIso: null };
    expect(await serverLister(fakeFetch({}))(filter, signal)).toBeNull();
    const html = async () => new Response('<html>', { status: 200 });
    expect(await serverLister(html)(filter, signal)).toBeNull();
    const lister = serverLister(fakeFetch({ '/api/processes': [summary] }));
    expect((await lister(filter, signal))?.map((p) => p.processId)).toEqual(['p1']);
  });
});
