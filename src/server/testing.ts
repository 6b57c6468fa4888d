// Test helpers (Node only): a weft server on a free loopback port over a temp data dir, and the
// fixtures' bodies in the order micromegas' HttpEventSink sends them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCborFiles } from '../decode/testing';
import { startServer, type RunningServer, type ServerOptions } from './server';

export interface TestServer extends RunningServer {
  dataDir: string;
  logs: string[];
  /** Stops the server and removes its data dir. */
  dispose(): Promise<void>;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function startTestServer(options: Partial<ServerOptions> = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? tempDir('weft-server-test-');
  const logs: string[] = [];
  const server = await startServer({
    distDir: join(dataDir, 'no-dist'),
    ...options,
    dataDir,
    port: 0,
    host: '127.0.0.1',
    log: (line) => logs.push(line),
  });
  const dispose = async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { ...server, dataDir, logs, dispose };
}

export type Route = 'process' | 'stream' | 'block';

export interface Body {
  path: string;
  route: Route;
  bytes: Uint8Array;
}

const routeOf = (path: string): Route =>
  path.startsWith('streams/') ? 'stream' : path.startsWith('blocks/') ? 'block' : 'process';

/** A capture folder's bodies as the sink sends them: process, then each stream before its first block. */
export function replayBodies(dir: string): Body[] {
  const files = readCborFiles(dir).map(([path, bytes]) => ({ path, route: routeOf(path), bytes }));
  const streams = new Map(files.filter((f) => f.route === 'stream').map((f) => [f.path, f]));
  const out = files.filter((f) => f.route === 'process');
  for (const block of files.filter((f) => f.route === 'block')) {
    const stream = streams.get(`streams/${block.path.split('/')[1]}.cbor`);
    if (stream && streams.delete(stream.path)) out.push(stream);
    out.push(block);
  }
  return [...out, ...streams.values()];
}

export async function post(
  server: RunningServer,
  route: Route,
  body: Uint8Array,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  const response = await fetch(`${server.url}/ingestion/insert_${route}`, {
    method: 'POST',
    body: body as Uint8Array<ArrayBuffer>,
    headers,
  });
  return { status: response.status, text: await response.text() };
}
