// Integration: other web pages can neither read nor write the server (issue 12 item 7) — Host
// checked (DNS rebinding), data routes for the own origin and --allow-origin origins only,
// ingestion refused to what a page can send without a preflight, --api-key on every data route —
// and every response carries the hardening headers (item 8).
import { request, type OutgoingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, expectedSummary } from '../decode/testing';
import { contentSecurityPolicy } from './page-headers';
import { replayBodies, startTestServer, type TestServer } from './testing';

const BODIES = replayBodies(join(FIXTURES, 'mixed'));
const PROCESS_ID = expectedSummary('mixed').process_id;
const FOREIGN = 'http://evil.example';
const FRIEND = 'http://127.0.0.1:5173';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** A request with exactly the headers given (fetch would not let a test set Host or Origin). */
function send(
  server: TestServer,
  method: string,
  path: string,
  headers: OutgoingHttpHeaders = {},
  body?: Uint8Array,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode!,
          headers: res.headers,
          text: Buffer.concat(chunks).toString(),
        }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

const ingest = (server: TestServer, route: string, body: Uint8Array, headers = {}) =>
  send(server, 'POST', `/ingestion/insert_${route}`, headers, body);

const DATA_ROUTES = [
  '/api/processes',
  `/api/processes/${PROCESS_ID}`,
  `/api/processes/${PROCESS_ID}/files`,
  `/captures/${PROCESS_ID}/manifest.json`,
  `/captures/${PROCESS_ID}/process.cbor`,
  '/processes',
];

describe('without an api key', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ allowOrigins: [FRIEND], allowHosts: ['weft.lan'] });
    for (const body of BODIES.slice(0, 3))
      expect((await ingest(server, body.route, body.bytes)).status).toBe(200);
  });
  afterAll(() => server.dispose());
  const own = () => `http://127.0.0.1:${server.port}`;

  it.each(['/', '/health', '/api/processes', '/ingestion/insert_process'])(
    'refuses a foreign Host (DNS rebinding) on %s',
    async (path) => {
      const method = path.startsWith('/ingestion') ? 'POST' : 'GET';
      const answer = await send(server, method, path, { Host: `evil.example:${server.port}` });
      expect(answer.status).toBe(403);
      expect(answer.text).toContain('--allow-host');
    },
  );

  it.each(['localhost', '127.0.0.1', 'weft.lan', 'app.localhost'])(
    'accepts Host %s',
    async (name) => {
      const answer = await send(server, 'GET', '/api/processes', {
        Host: `${name}:${server.port}`,
      });
      expect(answer.status).toBe(200);
    },
  );

  it.each(DATA_ROUTES)('answers %s to its own origin, without CORS headers', async (path) => {
    const answer = await send(server, 'GET', path, { Origin: own() });
    expect(answer.status).toBe(200);
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
  });

  it.each(DATA_ROUTES)('refuses %s to a foreign origin', async (path) => {
    const answer = await send(server, 'GET', path, { Origin: FOREIGN });
    expect(answer.status).toBe(403);
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    expect(answer.text).not.toContain(PROCESS_ID);
  });

  it('refuses a foreign page’s no-cors request (Sec-Fetch-Site, no Origin)', async () => {
    for (const site of ['cross-site', 'same-site']) {
      const headers = { 'Sec-Fetch-Site': site, 'Sec-Fetch-Mode': 'no-cors' };
      const answer = await send(server, 'GET', `/captures/${PROCESS_ID}/process.cbor`, headers);
      expect(answer.status).toBe(403);
    }
    const navigate = { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'navigate' };
    expect((await send(server, 'GET', '/processes', navigate)).status).toBe(200);
  });

  it('answers an --allow-origin origin with CORS headers, preflight included', async () => {
    const answer = await send(server, 'GET', '/api/processes', { Origin: FRIEND });
    expect(answer.status).toBe(200);
    expect(answer.headers['access-control-allow-origin']).toBe(FRIEND);
    expect(answer.headers.vary).toContain('Origin');
    const preflight = await send(server, 'OPTIONS', '/api/processes', {
      Origin: FRIEND,
      'Access-Control-Request-Method': 'GET',
      'Access-Control-Request-Headers': 'authorization',
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(FRIEND);
    expect(preflight.headers['access-control-allow-headers']).toContain('Authorization');
    const foreign = await send(server, 'OPTIONS', '/api/processes', { Origin: FOREIGN });
    expect(foreign.status).toBe(403);
  });

  it('refuses ingestion from a foreign page, and safelisted content types', async () => {
    const [, stream] = BODIES.filter((b) => b.route === 'stream');
    const before = server.store.list();
    const refused: [Record<string, string>, number][] = [
      [{ Origin: FOREIGN }, 403],
      [{ Origin: 'null' }, 403],
      [{ Origin: FRIEND, 'Content-Type': 'text/plain' }, 415],
      [{ 'Content-Type': 'text/plain;charset=UTF-8' }, 415],
      [{ 'Content-Type': 'application/x-www-form-urlencoded' }, 415],
      [{ 'Content-Type': 'Multipart/Form-Data; boundary=x' }, 415],
    ];
    for (const [headers, status] of refused)
      expect((await ingest(server, 'stream', stream.bytes, headers)).status).toBe(status);
    expect(server.store.list()).toEqual(before);
  });

  it.each([
    ['no Content-Type (what reqwest sends)', {}],
    ['application/octet-stream', { 'Content-Type': 'application/octet-stream' }],
    ['application/cbor from its own origin', { 'Content-Type': 'application/cbor' }],
  ])('ingests with %s', async (_, headers) => {
    const body = BODIES.filter((b) => b.route === 'block')[5];
    expect((await ingest(server, 'block', body.bytes, headers)).status).toBe(200);
  });

  it.each(['/', '/health', '/api/processes', '/no/such/route.js', '/ingestion/insert_block'])(
    'sends the hardening headers on %s',
    async (path) => {
      const method = path.startsWith('/ingestion') ? 'POST' : 'GET';
      const body = method === 'POST' ? new Uint8Array([1]) : undefined;
      const answer = await send(server, method, path, {}, body);
      expect(answer.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(answer.headers['referrer-policy']).toBe('no-referrer');
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
    },
  );
});

describe('with an api key', () => {
  let server: TestServer;
  const auth = { Authorization: 'Bearer s3cret' };
  beforeAll(async () => {
    server = await startTestServer({ apiKey: 's3cret' });
    for (const body of BODIES.slice(0, 3))
      expect((await ingest(server, body.route, body.bytes, auth)).status).toBe(200);
  });
  afterAll(() => server.dispose());

  it.each(DATA_ROUTES)('guards reading %s', async (path) => {
    const refused = await send(server, 'GET', path);
    expect(refused.status).toBe(401);
    expect(refused.headers['www-authenticate']).toBe('Bearer');
    expect(refused.text).not.toContain(PROCESS_ID);
    expect((await send(server, 'GET', path, { Authorization: 'Bearer nope' })).status).toBe(401);
    expect((await send(server, 'GET', path, auth)).status).toBe(200);
  });

  it('leaves the viewer’s files and /health open', async () => {
    expect((await send(server, 'GET', '/health')).status).toBe(200);
    expect((await send(server, 'GET', '/')).status).toBe(503); // no dist in tests: "not built"
  });
});

describe('Content-Security-Policy', () => {
  const directive = (csp: string, name: string) =>
    csp.split('; ').find((d) => d.startsWith(`${name} `));

  it('lets the page connect to the http(s) sources it was opened on, and nothing else', () => {
    const url = new URL('http://127.0.0.1:9000/');
    url.searchParams.append('process', 'http://other.example:8080/captures/x/');
    url.searchParams.append('micromegas', 'https://mm.example/api');
    url.searchParams.append('process', 'javascript:alert(1)');
    url.searchParams.append('process', "http://a.example; script-src 'unsafe-inline'");
    url.searchParams.append('micromegas', 'relative/path');
    const csp = contentSecurityPolicy(url, ['http://friend.example']);
    expect(directive(csp, 'connect-src')).toBe(
      "connect-src 'self' http://friend.example http://other.example:8080 https://mm.example",
    );
    expect(directive(csp, 'script-src')).toBe("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp.split('; ').filter((d) => d.startsWith('script-src'))).toHaveLength(1);
  });
});
