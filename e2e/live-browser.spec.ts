// Journey: `npm start` as a new user meets it. A page opened on a server no process has sent to
// shows the sample (not pinned in the URL) and waits; the first process to send opens by itself.
// With a process shown, one that starts sending appears in the process browser with a "new"
// mark, and one click opens it. Each test runs its own weft server on an empty data dir.
import { expect, test, type Page } from '@playwright/test';
import { expectedStatus, screenshot, status, summary, waitIdle } from './helpers';
import { postFixture, startWeft, type TestWeft } from './weft-servers';

let server: TestWeft; // as `weft serve` runs: micromegas' protocol answered over the store

test.beforeEach(async () => {
  server = await startWeft();
});

test.afterEach(() => server.close());

const postAll = (fixture: string) => postFixture(server.url, fixture);

const processParam = (page: Page) => new URL(page.url()).searchParams.get('process');

test('an empty server shows the sample unpinned, waits, and opens the first process', async ({
  page,
}) => {
  await page.goto(`${server.url}/`);
  await waitIdle(page);
  await expect(page.getByTestId('waiting-banner')).toContainText('MICROMEGAS_TELEMETRY_URL');
  await expect(page.getByTestId('waiting-banner')).toContainText(server.url);
  await expect(page.getByTestId('live-indicator')).toHaveText(/waiting/);
  expect(await status(page)).toEqual(expectedStatus('mixed'));
  await page.waitForTimeout(400); // the URL is written 250 ms after a change
  expect(processParam(page)).toBeNull();
  await screenshot(page, 'waiting-for-process');

  await postAll('small');
  const id = summary('small').process_id;
  await expect.poll(() => processParam(page), { timeout: 15_000 }).toBe(id);
  await expect(page.getByTestId('live-indicator')).toHaveText(/live/);
  await expect(page.getByTestId('waiting-banner')).toHaveCount(0);
  await expect.poll(() => status(page), { timeout: 30_000 }).toEqual(expectedStatus('small'));
});

test('a process that starts sending appears as new in the browser; one click opens it', async ({
  page,
}) => {
  await postAll('small');
  await page.goto(`${server.url}/`);
  await waitIdle(page);
  expect(await status(page)).toEqual(expectedStatus('small'));
  await page.getByTestId('browser-button').click();
  const browser = page.getByTestId('process-browser');
  const rows = browser.getByTestId('browser-row');
  await expect(rows).toHaveCount(1);
  await expect(browser.getByTestId('new-mark')).toHaveCount(0);

  await postAll('unclosed');
  const id = summary('unclosed').process_id;
  const row = browser.locator(`[data-process-id="${id}"]`);
  // Listed every 1.5 s; the generous timeout only absorbs a loaded test machine.
  await expect(row.getByTestId('new-mark')).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId('browser-button')).toContainText('1 new');
  await screenshot(page, 'process-browser');
  await row.click();
  await expect.poll(() => processParam(page), { timeout: 15_000 }).toBe(id);
  await waitIdle(page);
  const { processes: _, ...shown } = await status(page);
  const { processes: __, ...expected } = expectedStatus('unclosed');
  expect(shown).toEqual(expected);
  await expect(page.getByTestId('browser-button')).not.toContainText('new');
});
