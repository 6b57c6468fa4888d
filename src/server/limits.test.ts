// Integration: connections and memory are bounded (issue 12 item 6) — slow headers and idle
// bodies are cut off, connections above the limit are closed, body bytes in flight across all
// requests stay under the budget (503 + Retry-After, which micromegas' sink retries). Limits are
// set small through options; the tests wait on events (a socket closing, an answer arriving),
// never on a fixed delay.
import { connect, type Socket } from 'node:net';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FIXTURES } from '../decode/testing';
import type { ServerOptions } from './server';
import { post, replayBodies, startTestServer, type TestServer } from './testing';

const BLOCKS = replayBodies(join(FIXTURES, 'mixed')).filter((b) => b.route === 'block');

let server: TestServer | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  sockets.splice(0).forEach((s) => s.destroy());
  await server?.dispose();
  server = undefined;
});

async function start(options: Partial<ServerOptions>): Promise<TestServer> {
  server = await startTestServer(options);
  return server;
}

/** A raw connection; resolves once connected. */
function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.on('error', reject);
    sockets.push(socket);
  });
}

/** Everything the server sends on `socket` until it closes the connection. */
function untilClosed(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    socket.on('data', (chunk) => (text += chunk));
    socket.on('error', () => {});
    socket.on('close', () => resolve(text));
  });
}

/** Starts a POST announcing `length` bytes, sends the first `sent`, and keeps it open. */
function partialPost(port: number, route: string, length: number, sent: Uint8Array) {
  const req = request({
    port,
    host: '127.0.0.1',
    method: 'POST',
    path: `/ingestion/insert_${route}`,
    headers: { 'Content-Length': length },
  });
  const answer = new Promise<{ status: number; headers: Record<string, unknown> }>((resolve) =>
    req.on('response', (res) => {
      res.resume();
      resolve({ status: res.statusCode!, headers: res.headers });
    }),
  );
  req.on('error', () => {});
  req.write(sent);
  return { req, answer };
}

describe('slow clients', () => {
  it('closes a connection whose headers do not arrive in time (408)', async () => {
    const { port } = await start({ headersTimeoutMs: 200 });
    const socket = await open(port);
    socket.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n'); // never finished
    expect(await untilClosed(socket)).toMatch(/^HTTP\/1\.1 408/);
    expect((await fetch(`${server!.url}/health`)).status).toBe(200);
  });

  it('abandons a body that stops sending (408) and holds none of it', async () => {
    const { port } = await start({ bodyIdleMs: 100 });
    const { answer } = partialPost(port, 'block', 1000, new Uint8Array(10));
    expect((await answer).status).toBe(408);
    expect(server!.inflightBytes()).toBe(0);
    expect(server!.logs.join('\n')).toMatch(/408 no body bytes for 100 ms/);
  });
});

describe('connections', () => {
  it('closes connections above the limit at once, and serves again when they go', async () => {
    const { port } = await start({ maxConnections: 4 });
    for (let i = 0; i < 4; i++) await open(port);
    const extra = await open(port);
    expect(await untilClosed(extra)).toBe(''); // closed by the server without an answer
    sockets.splice(0).forEach((s) => s.destroy());
    await vi.waitFor(async () => expect((await fetch(`${server!.url}/health`)).status).toBe(200));
  });
});

describe('body bytes in flight', () => {
  it('refuses bodies beyond the budget with 503 + Retry-After, then takes them', async () => {
    const body = BLOCKS[0].bytes;
    const { port } = await start({ maxInflightBytes: body.byteLength + 100 });
    // One client holds most of the budget with a body it sends slowly.
    const slow = partialPost(port, 'block', 200, new Uint8Array(10));
    await vi.waitFor(() => expect(server!.inflightBytes()).toBe(200));
    const refused = await post(server!, 'block', body);
    expect(refused.status).toBe(503);
    expect(refused.text).toContain('retry later');
    expect(server!.inflightBytes()).toBe(200);
    slow.req.end(new Uint8Array(190)); // the rest: not CBOR, so 400, and its bytes are released
    expect((await slow.answer).status).toBe(400);
    expect(server!.inflightBytes()).toBe(0);
    expect((await post(server!, 'block', body)).status).toBe(200);
  });

  it('counts a body without Content-Length chunk by chunk', async () => {
    const { port } = await start({ maxInflightBytes: 1000 });
    const req = request({ port, method: 'POST', path: '/ingestion/insert_block' }); // chunked
    const answer = new Promise<{ status: number; retry: unknown }>((resolve) =>
      req.on('response', (res) => {
        res.resume();
        resolve({ status: res.statusCode!, retry: res.headers['retry-after'] });
      }),
    );
    req.on('error', () => {});
    req.write(new Uint8Array(600));
    req.write(new Uint8Array(600));
    expect(await answer).toEqual({ status: 503, retry: '1' });
    req.destroy();
    await vi.waitFor(() => expect(server!.inflightBytes()).toBe(0));
  });

  it('refuses an announced length above the body limit before reading it (413)', async () => {
    const { port } = await start({ maxBodyBytes: 1000 });
    const { answer } = partialPost(port, 'block', 5000, new Uint8Array(10));
    expect((await answer).status).toBe(413);
    expect(server!.inflightBytes()).toBe(0);
  });
});
