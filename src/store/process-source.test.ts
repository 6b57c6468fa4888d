import { describe, expect, it } from 'vitest';
import { SourceError, captureBaseUrl, manifestInputs, serverProcessIds } from './process-source';
import { fakeFetch } from './testing';

const PAGE = 'http://localhost:9000/?process=x';

describe('captureBaseUrl', () => {
  it('maps an id to the server capture folder', () => {
    expect(captureBaseUrl('3ed3d348-e7fe-4d86-a666-ab77bd6f0443', PAGE)).toBe(
      'http://localhost:9000/captures/3ed3d348-e7fe-4d86-a666-ab77bd6f0443/',
    );
  });

  it('keeps a URL as a folder, relative or absolute, with or without manifest.json', () => {
    expect(captureBaseUrl('/sample/', PAGE)).toBe('http://localhost:9000/sample/');
    expect(captureBaseUrl('/sample', PAGE)).toBe('http://localhost:9000/sample/');
    expect(captureBaseUrl('https://h.example/c/manifest.json?x=1', PAGE)).toBe(
      'https://h.example/c/',
    );
  });

  it.each([['javascript:alert(1)'], ['data:text/html,x'], ['file:///tmp/c/'], ['http://[']])(
    'refuses %j: only ids and http(s) URLs',
    (param) => {
      expect(() => captureBaseUrl(param, PAGE)).toThrow(SourceError);
      expect(() => captureBaseUrl(param, PAGE)).toThrow(/http\(s\) URL/);
    },
  );
});

describe('manifestInputs', () => {
  const base = 'http://h/cap/';

  it('lists the manifest files as URLs relative to the folder', async () => {
    const fetch = fakeFetch({
      'http://h/cap/manifest.json': { files: ['process.cbor', 's/a.cbor'] },
    });
    const inputs = await manifestInputs(base, fetch);
    expect(inputs).toEqual([
      { kind: 'url', url: 'http://h/cap/process.cbor', path: 'process.cbor' },
      { kind: 'url', url: 'http://h/cap/s/a.cbor', path: 's/a.cbor' },
    ]);
  });

  it('never fetches an entry outside the folder, and reports it', async () => {
    const fetch = fakeFetch({
      'http://h/cap/manifest.json': {
        files: ['process.cbor', '../other/process.cbor', 'http://evil/cap/x.cbor', 's/a.cbor'],
      },
    });
    const refused: string[] = [];
    const inputs = await manifestInputs(base, fetch, (issue) => refused.push(issue.fileName));
    expect(inputs.map((i) => (i.kind === 'url' ? i.url : i.path))).toEqual([
      'http://h/cap/process.cbor',
      'http://h/cap/s/a.cbor',
    ]);
    expect(refused).toEqual(['../other/process.cbor', 'http://evil/cap/x.cbor']);
  });

  it('accepts a bare array and {path} entries', async () => {
    const fetch = fakeFetch({ 'http://h/cap/manifest.json': [{ path: 'p.cbor' }] });
    expect((await manifestInputs(base, fetch)).map((i) => i.path)).toEqual(['p.cbor']);
  });

  it('explains a 404 in words', async () => {
    const error = await manifestInputs(base, fakeFetch({})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as Error).message).toMatch(/No capture at http:\/\/h\/cap\/.*404 Not Found/);
  });

  it('explains a network or CORS failure in words', async () => {
    const fetch = fakeFetch({ 'http://h/cap/manifest.json': new TypeError('Failed to fetch') });
    await expect(manifestInputs(base, fetch)).rejects.toThrow(/Access-Control-Allow-Origin/);
  });

  it('recognises a web page served instead of a manifest (SPA fallback)', async () => {
    const fetch = async () =>
      new Response('<!doctype html>', { headers: { 'content-type': 'text/html' } });
    await expect(manifestInputs(base, fetch)).rejects.toThrow(/web page, not a manifest/);
  });

  it('rejects a manifest without a file list', async () => {
    const fetch = fakeFetch({ 'http://h/cap/manifest.json': { nope: 1 } });
    await expect(manifestInputs(base, fetch)).rejects.toThrow(/lists no files/);
  });
});

describe('serverProcessIds', () => {
  it('lists the server’s processes, most recently updated first, as it sends them', async () => {
    const fetch = fakeFetch({
      '/api/processes': [
        { id: 'b2', url: '/captures/b2/', updatedAt: '2026-01-03' },
        { id: 'a1', url: '/captures/a1/', updatedAt: '2026-01-02' },
      ],
    });
    expect(await serverProcessIds(fetch)).toEqual(['b2', 'a1']);
  });

  it('answers [] for an empty server and null without a weft server', async () => {
    expect(await serverProcessIds(fakeFetch({ '/api/processes': [] }))).toEqual([]);
    expect(await serverProcessIds(fakeFetch({}))).toBeNull();
    const html = async () => new Response('<html>', { status: 200 });
    expect(await serverProcessIds(html)).toBeNull();
  });
});
