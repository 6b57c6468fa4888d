// weft servers the specs start themselves (the suite's shared one is in playwright.config.ts),
// and fixture captures posted to a server's ingestion routes as micromegas' sink sends them.
import { expect } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyticsFactory } from '../src/cli/serve-analytics';
import { startServer, type RunningServer } from '../src/server/server';
import { cborFiles } from './helpers';

type AnalyticsFlags = Parameters<typeof analyticsFactory>[0];

/** The ingestion route of a capture file: insert_process, insert_stream or insert_block. */
export function ingestionKind(path: string): 'process' | 'stream' | 'block' {
  if (path.includes('/blocks/')) return 'block';
  return path.includes('/streams/') ? 'stream' : 'process';
}

/** POSTs one capture file to `base`'s ingestion route; the server must answer 200. */
export async function postCapture(base: string, path: string, headers: HeadersInit = {}) {
  const kind = ingestionKind(path);
  const response = await fetch(`${base}/ingestion/insert_${kind}`, {
    method: 'POST',
    body: readFileSync(path),
    headers,
  });
  expect(response.status, `${kind} ${path}`).toBe(200);
}

/** POSTs every file of a fixture capture (process, streams, blocks), in that order. */
export async function postFixture(base: string, fixture: string, headers: HeadersInit = {}) {
  for (const path of cborFiles(fixture)) await postCapture(base, path, headers);
}

export interface TestWeft {
  server: RunningServer;
  url: string;
  /** Stops the server and removes its store. */
  close(): Promise<void>;
}

/**
 * A weft server on a new, empty temporary store and a free port. `analytics` are weft serve's
 * flags for the protocol (`{}`: answered over the store, as `weft serve` runs; `{ upstream }`:
 * forwarded); `false`: no protocol routes.
 */
export async function startWeft(
  options: { analytics?: AnalyticsFlags | false; apiKey?: string } = {},
): Promise<TestWeft> {
  const flags = options.analytics ?? {};
  const analytics = flags === false ? undefined : analyticsFactory(flags);
  if (typeof analytics === 'string') throw new Error(analytics);
  const dataDir = mkdtempSync(join(tmpdir(), 'weft-e2e-'));
  const server = await startServer({
    ...{ dataDir, port: 0, log: () => {}, analytics, apiKey: options.apiKey },
  });
  const close = async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { server, url: server.url, close };
}
