// Journey: a link to a process on an analytics server — here `weft serve`, which answers
// micromegas' protocol over its capture store. `?micromegas=<base>&process=<id>` reads the
// process in raw mode through the protocol and the viewer shows the fixture's true counts; the
// link keeps working after a reload.
import { expect, test } from '@playwright/test';
import { expectedStatus, status, summary, waitIdle } from './helpers';
import { postFixture, startWeft, type TestWeft } from './weft-servers';

let server: TestWeft; // as `weft serve` runs: micromegas' protocol answered over the store

test.beforeEach(async () => {
  server = await startWeft();
  await postFixture(server.url, 'mixed');
});

test.afterEach(() => server.close());

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
