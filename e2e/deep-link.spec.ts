// Journey: a link to a process on an analytics server — here `weft serve`, which answers
// micromegas' protocol over its capture store. `?micromegas=<base>&process=<id>` reads the
// process in raw mode through the protocol and the viewer shows the fixture's true counts; the
// link keeps working after a reload, and a copied link (connection, process and view) reopens
// the same view.
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

test('a copied link to a process on an analytics server reopens the same view', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const id = summary('mixed').process_id;
  await page.goto(`${server.url}/?micromegas=${server.url}&data_source=weft&process=${id}`);
  await waitIdle(page);
  await expect.poll(() => status(page), { timeout: 60_000 }).toEqual(expectedStatus('mixed'));
  await page.getByTestId('tree-row').nth(1).click();
  await page.getByTestId('filter-state').selectOption('complete');
  await page.locator('.timeline-body').focus();
  await page.keyboard.press('w');
  type Store = { getState(): Record<string, any> };
  const shown = (p: typeof page) =>
    p.evaluate(() => {
      const s = (window.__weft!.viewStore as Store).getState();
      return {
        window: [Math.round(s.window.startNs), Math.round(s.window.endNs)],
        spanId: String(s.spans.spanId[s.selected]),
        filter: s.filter,
      };
    });
  const before = await shown(page);
  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('copy-link')).toHaveText('Link copied');
  const link = new URL(await page.evaluate(() => navigator.clipboard.readText()));
  expect(link.searchParams.get('micromegas')).toBe(server.url);
  expect(link.searchParams.get('data_source')).toBe('weft');
  expect(link.searchParams.get('process')).toBe(id);
  const other = await context.newPage();
  await other.goto(link.href);
  await waitIdle(other);
  await expect.poll(() => status(other), { timeout: 60_000 }).toEqual(expectedStatus('mixed'));
  await expect.poll(() => shown(other)).toEqual(before);
  await expect(other.getByTestId('filter-state')).toHaveValue('complete');
});
