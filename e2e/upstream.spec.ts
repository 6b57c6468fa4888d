// Journey: a micromegas deployment reached through `weft serve --upstream --token-file`. The
// "deployment" is a first weft serve that wants an API key; a second one forwards the analytics
// protocol to it with the key from a token file. A deep link on the second server's own origin
// opens the process in raw mode and shows the fixture's true counts; the key never reaches the
// page.
import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectedStatus, status, summary, waitIdle } from './helpers';
import { postFixture, startWeft, type TestWeft } from './weft-servers';

const KEY = 'e2e-upstream-key';
let first: TestWeft;
let second: TestWeft;
let dir: string;

test.beforeAll(async () => {
  first = await startWeft({ apiKey: KEY });
  await postFixture(first.url, 'mixed', { Authorization: `Bearer ${KEY}` });
  dir = mkdtempSync(join(tmpdir(), 'weft-e2e-upstream-'));
  writeFileSync(join(dir, 'token'), `${KEY}\n`);
  second = await startWeft({
    analytics: { upstream: first.url, 'token-file': join(dir, 'token') },
  });
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
