// Integration: the built viewer is served with the right MIME types and an index.html fallback
// for app routes, never a file outside dist/; without a build, / says how to make one.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveUnder } from './static-files';
import { startTestServer, tempDir, type TestServer } from './testing';

function rawGet(url: string, path: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, text }));
    });
    req.path = path;
    req.on('error', reject);
    req.end();
  });
}

describe('with a built viewer', () => {
  let server: TestServer;
  let root: string;
  beforeAll(async () => {
    root = tempDir('weft-static-test-');
    const dist = join(root, 'dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>weft</title>');
    writeFileSync(join(dist, 'assets', 'index-abc.js'), 'export {}');
    writeFileSync(join(dist, 'assets', 'worker-abc.mjs'), 'self.onmessage = () => {}');
    writeFileSync(join(dist, 'assets', 'duckdb-eh.wasm'), new Uint8Array([0, 97, 115, 109]));
    writeFileSync(join(root, 'secret.txt'), 'not-for-your-eyes');
    server = await startTestServer({ distDir: dist, dataDir: join(root, 'data') });
  });
  afterAll(async () => {
    await server.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it.each([
    ['/', 'text/html; charset=utf-8', 'no-cache'],
    ['/assets/index-abc.js', 'text/javascript; charset=utf-8', 'immutable'],
    ['/assets/worker-abc.mjs', 'text/javascript; charset=utf-8', 'immutable'],
    ['/assets/duckdb-eh.wasm', 'application/wasm', 'immutable'],
    ['/some/app/route?process=x', 'text/html; charset=utf-8', 'no-cache'],
  ])('serves %s as %s', async (path, type, cache) => {
    const response = await fetch(`${server.url}${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('cache-control')).toContain(cache);
  });

  it('answers HEAD with headers only', async () => {
    const response = await fetch(`${server.url}/assets/duckdb-eh.wasm`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe('4');
    expect(await response.text()).toBe('');
  });

  it('answers 404 for a missing file with an extension', async () => {
    expect((await fetch(`${server.url}/assets/missing.js`)).status).toBe(404);
  });

  it.each([
    '/../secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
  ])('never serves %s from outside dist', async (path) => {
    const response = await rawGet(server.url, path);
    expect(response.text).not.toContain('not-for-your-eyes');
  });

  it('resolves only paths under the root', () => {
    expect(resolveUnder('/srv/dist', '/a/b.js')).toBe('/srv/dist/a/b.js');
    expect(resolveUnder('/srv/dist', '/../../etc/passwd')).toBe('/srv/dist/etc/passwd');
    expect(resolveUnder('/srv/dist', '/%E0%A4%A')).toBeUndefined();
    expect(resolveUnder('/srv/dist', '/a%00b')).toBeUndefined();
  });
});

describe('without a built viewer', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.dispose());

  it('answers / with how to build it, and still serves the API', async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm run build');
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/processes`)).status).toBe(200);
  });
});
