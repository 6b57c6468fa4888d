// Integration: malformed, oversized, unauthorized and path-traversing requests are refused with
// the right status and leave the store exactly as it was; a repeated body is a no-op, a
// different body under a stored id is a 409 conflict (the first is kept).
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join, relative } from 'node:path';
import { decode, encode } from 'cbor-x';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, expectedSummary } from '../decode/testing';
import { post, replayBodies, startTestServer, type Body, type TestServer } from './testing';

const MIXED = replayBodies(join(FIXTURES, 'mixed'));
const PROCESS_ID = expectedSummary('mixed').process_id;
const processBody = MIXED.find((b) => b.route === 'process')!;
const streamBody = MIXED.find((b) => b.route === 'stream')!;
const blockBody = MIXED.find((b) => b.route === 'block')!;
const SECRET = 'not-for-your-eyes';

/** Every file under `dir` with its size, and the process list: what must not change. */
async function snapshot(server: TestServer): Promise<unknown> {
  await server.store.flush();
  const files: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d).sort()) {
      const path = join(d, entry);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(`${relative(server.dataDir, path)} ${statSync(path).size}`);
    }
  };
  walk(server.dataDir);
  const list = await (await fetch(`${server.url}/api/processes`)).json();
  return { files, list };
}

function withField(body: Body, field: string, value: unknown): Uint8Array {
  const map = decode(body.bytes) as Record<string, unknown>;
  map[field] = value;
  return encode(map);
}

/** A raw GET whose path is sent as written (fetch would normalize `..`). */
function rawGet(server: TestServer, path: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode!, text: Buffer.concat(chunks).toString() }),
      );
    });
    req.path = path;
    req.on('error', reject);
    req.end();
  });
}

describe('bad ingestion bodies', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    for (const body of [processBody, streamBody, blockBody])
      expect((await post(server, body.route, body.bytes)).status).toBe(200);
  });
  afterAll(() => server.dispose());

  const cases: [string, Body['route'], () => Uint8Array, RegExp][] = [
    ['empty', 'block', () => new Uint8Array(0), /empty body/],
    ['empty', 'process', () => new Uint8Array(0), /empty body/],
    ['truncated', 'block', () => blockBody.bytes.subarray(0, blockBody.bytes.length >> 1), /CBOR/],
    ['garbage', 'stream', () => new Uint8Array([0xff, 0x00, 0x13, 0x37, 0x42]), /expected/],
    ['CBOR of another kind', 'block', () => encode({ hello: 'world' }), /expected a micromegas/],
    ['a StreamInfo', 'block', () => streamBody.bytes, /expected a Block body, got a StreamInfo/],
    ['a Block', 'process', () => blockBody.bytes, /expected a ProcessInfo body, got a Block/],
    ['a ProcessInfo', 'stream', () => processBody.bytes, /expected a StreamInfo body/],
    ['a bad time', 'block', () => withField(blockBody, 'end_time', 'yesterday'), /end_time/],
    ['a traversing block id', 'block', () => withField(blockBody, 'block_id', '../../x'), /UUID/],
    ['a traversing stream id', 'stream', () => withField(streamBody, 'stream_id', '..'), /UUID/],
    ['a traversing process id', 'block', () => withField(blockBody, 'process_id', '/etc'), /UUID/],
  ];

  it.each(cases)(
    'answers 400 to %s on insert_%s, changing nothing',
    async (_, route, make, why) => {
      const before = await snapshot(server);
      const response = await post(server, route, make());
      expect(response.status).toBe(400);
      expect(response.text).toMatch(why);
      expect(await snapshot(server)).toEqual(before);
      expect(existsSync(join(server.dataDir, '..', 'x.cbor'))).toBe(false);
    },
  );

  it('treats a repeated block as stored, without a duplicate', async () => {
    const before = await snapshot(server);
    const again = await post(server, 'block', blockBody.bytes);
    expect(again).toEqual({ status: 200, text: '' });
    expect(await snapshot(server)).toEqual(before);
    const files = await (await fetch(`${server.url}/api/processes/${PROCESS_ID}/files`)).json();
    expect(files.files.map((f: { path: string }) => f.path)).toEqual(
      [processBody, streamBody, blockBody].map((b) => b.path),
    );
  });

  it('answers 409 and keeps the first body when a repeated id comes with other bytes', async () => {
    const before = await snapshot(server);
    for (const [route, body] of [
      ['block', withField(blockBody, 'nb_objects', 0)],
      ['stream', withField(streamBody, 'tags', ['other'])],
      ['process', withField(processBody, 'exe', 'other.exe')],
    ] as const) {
      const answer = await post(server, route, body);
      expect(answer.status).toBe(409);
      expect(answer.text).toContain('already stored with other content; the first is kept');
    }
    expect(await snapshot(server)).toEqual(before);
    const stored = readFileSync(join(server.dataDir, PROCESS_ID, blockBody.path));
    expect(Buffer.compare(stored, blockBody.bytes)).toBe(0);
  });

  it('stores nothing of a body whose client went away, then takes it whole', async () => {
    const other = replayBodies(join(FIXTURES, 'mixed')).filter((b) => b.route === 'block')[1];
    await new Promise<void>((resolve) => {
      const req = request(`${server.url}/ingestion/insert_block`, { method: 'POST' });
      req.on('error', () => resolve());
      req.write(other.bytes.subarray(0, 100), () => {
        req.destroy();
        resolve();
      });
    });
    expect(server.store.filePath(PROCESS_ID, other.path)).toBeUndefined();
    expect((await post(server, 'block', other.bytes)).status).toBe(200);
    const stored = readFileSync(join(server.dataDir, PROCESS_ID, other.path));
    expect(Buffer.compare(stored, other.bytes)).toBe(0);
  });

  it('answers 405 to a GET on an ingestion route', async () => {
    const response = await fetch(`${server.url}/ingestion/insert_block`);
    expect(response.status).toBe(405);
  });

  it.each([
    `/captures/${PROCESS_ID}/secret.cbor`,
    `/captures/${PROCESS_ID}/..%2fsecret.cbor`,
    `/captures/${PROCESS_ID}/../secret.cbor`,
    `/captures/${PROCESS_ID}/streams/..%2f..%2fsecret.cbor`,
    `/captures/${PROCESS_ID}/blocks/..%2f..%2f..%2fsecret.cbor`,
    `/captures/..%2f${PROCESS_ID}/secret.cbor`,
    `/captures/%2e%2e/secret.cbor`,
    `/captures/%2e%2e/%2e%2e/etc/passwd`,
    `/api/processes/..%2f..%2fetc/files`,
    `/%2e%2e/secret.cbor`,
    `/..%2fsecret.cbor`,
  ])('refuses the traversal %s', async (path) => {
    writeFileSync(join(server.dataDir, 'secret.cbor'), SECRET);
    writeFileSync(join(server.dataDir, PROCESS_ID, 'secret.cbor'), SECRET);
    const response = await rawGet(server, path);
    expect(response.status).not.toBe(200);
    expect(response.text).not.toContain(SECRET);
    expect(response.text).not.toContain('root:');
  });

  it('serves a stored file under its own path', async () => {
    const response = await rawGet(server, `/captures/${PROCESS_ID}/process.cbor`);
    expect(response.status).toBe(200);
  });
});

describe('body size limit', () => {
  let server: TestServer;
  const limit = 1024;
  beforeAll(async () => {
    server = await startTestServer({ maxBodyBytes: limit });
  });
  afterAll(() => server.dispose());

  it('answers 413 to a body above the limit (Content-Length) and stores nothing', async () => {
    expect(blockBody.bytes.byteLength).toBeGreaterThan(limit);
    const response = await post(server, 'block', blockBody.bytes);
    expect(response.status).toBe(413);
    expect(server.store.list()).toEqual([]);
  });

  it('answers 413 to a chunked body that grows past the limit', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${server.url}/ingestion/insert_block`, { method: 'POST' }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      for (let at = 0; at < blockBody.bytes.length; at += 256)
        req.write(blockBody.bytes.subarray(at, at + 256));
      req.end();
    });
    expect(status).toBe(413);
    expect(server.store.list()).toEqual([]);
  });

  it('still stores a body under the limit', async () => {
    expect(processBody.bytes.byteLength).toBeLessThan(limit);
    expect((await post(server, 'process', processBody.bytes)).status).toBe(200);
    expect(server.store.list().map((p) => p.id)).toEqual([PROCESS_ID]);
  });
});

describe('api key', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ apiKey: 's3cret' });
  });
  afterAll(() => server.dispose());

  it.each([
    ['no header', {}],
    ['a wrong key', { Authorization: 'Bearer nope' }],
    ['another scheme', { Authorization: 'Basic czNjcmV0' }],
  ])('answers 401 to %s and stores nothing', async (_, headers) => {
    const response = await post(server, 'process', processBody.bytes, headers);
    expect(response.status).toBe(401);
    expect(server.store.list()).toEqual([]);
  });

  it('stores with the right bearer key; reading needs it too, /health does not', async () => {
    const headers = { Authorization: 'Bearer s3cret' };
    expect((await post(server, 'process', processBody.bytes, headers)).status).toBe(200);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    const list = await (await fetch(`${server.url}/api/processes`, { headers })).json();
    expect(list).toHaveLength(1);
  });
});
