// Starts the weft server: the capture store, the routes of router.ts and the built viewer, on
// one port, bound to loopback unless told otherwise. Node only.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  BodyBudget,
  DEFAULT_BODY_IDLE_MS,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_INFLIGHT_BYTES,
} from './body';
import type { AnalyticsBackend } from './analytics-route';
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
  /** Largest accepted body (413 above). Default 100 MiB, as upstream. */
  maxBodyBytes?: number;
  /** Body bytes held across all requests (503 + Retry-After above). Default 256 MiB. */
  maxInflightBytes?: number;
  /** A body idle this long is abandoned (408). Default 30 s. */
  bodyIdleMs?: number;
  /** Open connections at most; more are closed at once. Default 256. */
  maxConnections?: number;
  /** A client must send its request headers within this time (408). Default 10 s. */
  headersTimeoutMs?: number;
  /** A client must send its whole request within this time (408). Default 300 s. */
  requestTimeoutMs?: number;
  /** A capture folder copied into the store when it holds no process yet; none if undefined. */
  sampleDir?: string;
  log?: (line: string) => void;
  /** The analytics protocol's backend over this server's store (none: the routes are 404). */
  analytics?: (store: CaptureStore, log: (line: string) => void) => AnalyticsBackend;
}

export interface RunningServer {
  url: string;
  port: number;
  store: CaptureStore;
  /** Body bytes currently held by requests (the in-flight budget's use). */
  inflightBytes(): number;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => console.error(line));
  const store = await CaptureStore.open(options.dataDir, log);
  if (options.sampleDir !== undefined) await seedSample(store, options.sampleDir, log);
  const host = options.host ?? '127.0.0.1';
  const budget = new BodyBudget(options.maxInflightBytes ?? DEFAULT_MAX_INFLIGHT_BYTES);
  const analytics = options.analytics?.(store, log);
  const route = createRouter({
    analytics,
    store,
    distDir: options.distDir ?? DEFAULT_DIST_DIR,
    guard: {
      apiKey: options.apiKey,
      allowOrigins: options.allowOrigins ?? [],
      allowHosts: options.allowHosts ?? [],
      boundHost: host,
    },
    limits: {
      maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
      budget,
      bodyIdleMs: options.bodyIdleMs ?? DEFAULT_BODY_IDLE_MS,
      log,
    },
    log,
  });
  const server = boundedServer(options, (req, res) => {
    const url = new URL(req.url ?? '/', 'http://weft.invalid');
    Promise.resolve(route(req, res, url)).catch((error) => failed(res, error, log));
  });
  const port = await listen(server, options.port ?? 9000, host);
  const close = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections(); // ends live event streams too
    await Promise.all([closed, analytics?.close()]);
    await store.close();
  };
  const shownHost = host.includes(':') ? `[${host}]` : host;
  const inflightBytes = () => budget.usedBytes;
  return { url: `http://${shownHost}:${port}`, port, store, inflightBytes, close };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

/**
 * An HTTP server whose connections are bounded: at most `maxConnections` open (more are closed
 * as they arrive), request headers within `headersTimeoutMs` and whole requests within
 * `requestTimeoutMs` (Node answers 408 and closes), checked often enough to matter.
 */
function boundedServer(
  options: ServerOptions,
  handler: Parameters<typeof createServer>[1],
): Server {
  const headersTimeout = options.headersTimeoutMs ?? 10_000;
  const server = createServer(
    {
      headersTimeout,
      requestTimeout: Math.max(headersTimeout, options.requestTimeoutMs ?? 300_000),
      connectionsCheckingInterval: Math.max(10, Math.min(1_000, headersTimeout / 4)),
    },
    handler,
  );
  server.maxConnections = options.maxConnections ?? 256;
  return server;
}

function failed(res: ServerResponse, error: unknown, log: (line: string) => void): void {
  log(`weft: ${res.req.method} ${res.req.url}: ${(error as Error).stack ?? String(error)}`);
  if (res.headersSent) res.destroy();
  else sendText(res, 500, 'internal error');
}
