// Journey: a link to a process on an analytics server — here `weft serve`, which answers
// micromegas' protocol over its capture store. `?micromegas=<base>&process=<id>` reads the
// process in raw mode through the protocol and the viewer shows the fixture's true counts; the
// link keeps working after a reload.
import { expect, test } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyticsFactory } from '../src/cli/serve-analytics';
import { startServer, type RunningServer } from '../src/server/server';
import { cborFiles, expectedStatus, status, summary, waitIdle } from './helpers';

let server: RunningServer;
let dataDir: string;

test.beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'weft-e2e-link-'));
  // As `weft serve` runs: micromegas' protocol answered over the capture store.
  const analytics = analyticsFactory({});
  if (typeof analytics === 'string') throw new Error(analytics);
  server = await startServer({ dataDir, port: 0, log: () => {}, analytics });
  for (const path of cborFiles('mixed')) {
    const kind = path.includes('/blocks/')
      ? 'block'
      : path.includes('/streams/')
        ? 'stream'
        : 'process';
    const response = await fetch(`${server.url}/ingestion/insert_${kind}`, {
      method: 'POST',
      body: readFileSync(path),
    });
    expect(response.status, path).toBe(200);
  }
});

test.afterEach(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('?micromegas=<weft serve>&process=<id> shows the fixture’s true counts', async ({ page }) => {
  const id = summary('mixed').process_id;
  await page.goto(`${server.url}/?micromegas=${server.url}&process=${id}`);
  await waitIdle(page);
  await expect.poll(() => status(page), { timeout: 60_000 }).toEqual(expectedStatus('mixed'));
  await expect(page.getByTestId('source-label')).toContainText(server.url);
  await page.reload();
  await waitIdle(page);
  await expect.poll(() => status(page), { timeout: 60_000 }).toEqual(expectedStatus('mixed'));
  expect(new URL(page.url()).searchParams.get('process')).toBe(id);
  expect(new URL(page.url()).searchParams.get('micromegas')).toBe(server.url);
});
