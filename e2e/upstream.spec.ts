// Journey: a micromegas deployment reached through `weft serve --upstream --token-file`. The
// "deployment" is a first weft serve that wants an API key; a second one forwards the analytics
// protocol to it with the key from a token file. A deep link on the second server's own origin
// opens the process in raw mode and shows the fixture's true counts; the key never reaches the
// page.
import { expect, test } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyticsFactory } from '../src/cli/serve-analytics';
import { startServer, type RunningServer } from '../src/server/server';
import { cborFiles, expectedStatus, status, summary, waitIdle } from './helpers';

const KEY = 'e2e-upstream-key';
let first: RunningServer;
let second: RunningServer;
let dir: string;

function factory(values: Parameters<typeof analyticsFactory>[0]) {
  const made = analyticsFactory(values);
  if (typeof made === 'string') throw new Error(made);
  return made;
}

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'weft-e2e-upstream-'));
  const log = () => {};
  first = await startServer({
    dataDir: join(dir, 'a'),
    port: 0,
    apiKey: KEY,
    analytics: factory({}),
    log,
  });
  for (const path of cborFiles('mixed')) {
    const kind = path.includes('/blocks/')
      ? 'block'
      : path.includes('/streams/')
        ? 'stream'
        : 'process';
    const response = await fetch(`${first.url}/ingestion/insert_${kind}`, {
      method: 'POST',
      body: readFileSync(path),
      headers: { Authorization: `Bearer ${KEY}` },
    });
    expect(response.status, path).toBe(200);
  }
  writeFileSync(join(dir, 'token'), `${KEY}\n`);
  const upstream = factory({ upstream: first.url, 'token-file': join(dir, 'token') });
  second = await startServer({ dataDir: join(dir, 'b'), port: 0, analytics: upstream, log });
});

test.afterAll(async () => {
  await Promise.all([first?.close(), second?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

test('?micromegas=<weft serve --upstream>&process=<id> shows the true counts of the upstream process', async ({
  page,
}) => {
  const id = summary('mixed').process_id;
  const requests: string[] = [];
  page.on('request', (r) => requests.push(`${r.url()} ${r.headers().authorization ?? ''}`));
  await page.goto(`${second.url}/?micromegas=${second.url}&process=${id}`);
  await waitIdle(page);
  await expect.poll(() => status(page), { timeout: 60_000 }).toEqual(expectedStatus('mixed'));
  expect(requests.some((r) => r.includes('/api/query-stream'))).toBe(true);
  expect(requests.every((r) => !r.includes(first.url) && !r.includes(KEY))).toBe(true);
  expect(await page.content()).not.toContain(KEY);
});
