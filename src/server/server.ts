// Starts the weft server: the capture store, the routes of router.ts and the built viewer, on
// one port, bound to loopback unless told otherwise. Node only.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DEFAULT_MAX_BODY_BYTES } from './body';
import { CaptureStore } from './capture-store';
import { sendText } from './http-util';
import { createRouter } from './router';
import { seedSample } from './seed';

const PACKAGE_ROOT = join(import.meta.dirname, '../..');
export const DEFAULT_DIST_DIR = join(PACKAGE_ROOT, 'dist');
export const DEFAULT_SAMPLE_DIR = join(PACKAGE_ROOT, 'fixtures/micromegas/mixed');

export interface ServerOptions {
  dataDir: string;
  /** 0 picks a free port. Default 9000. */
  port?: number;
  /** Default 127.0.0.1 (loopback only). */
  host?: string;
  distDir?: string;
  /** When set, ingestion and data routes require `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** Origins whose pages may read the data routes besides the server's own (--allow-origin). */
  allowOrigins?: string[];
  /** Host header names accepted besides the bound address and localhost (--allow-host). */
  allowHosts?: string[];
  maxBodyBytes?: number;
  /** A capture folder copied into the store when it holds no process yet; none if undefined. */
  sampleDir?: string;
  log?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  store: CaptureStore;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => console.error(line));
  const store = await CaptureStore.open(options.dataDir, log);
  if (options.sampleDir !== undefined) await seedSample(store, options.sampleDir, log);
  const host = options.host ?? '127.0.0.1';
  const route = createRouter({
    store,
    distDir: options.distDir ?? DEFAULT_DIST_DIR,
    guard: {
      apiKey: options.apiKey,
      allowOrigins: options.allowOrigins ?? [],
      allowHosts: options.allowHosts ?? [],
      boundHost: host,
    },
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    log,
  });
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://weft.invalid');
    Promise.resolve(route(req, res, url)).catch((error) => failed(res, error, log));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 9000, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const close = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections(); // ends live event streams too
    await closed;
    await store.flush();
  };
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return { url: `http://${shownHost}:${port}`, port, store, close };
}

function failed(res: ServerResponse, error: unknown, log: (line: string) => void): void {
  log(`weft: ${res.req.method} ${res.req.url}: ${(error as Error).stack ?? String(error)}`);
  if (res.headersSent) res.destroy();
  else sendText(res, 500, 'internal error');
}
