// Journey: the shell around the panels — SQL console, keyboard help, themes, resizing.
import { expect, test } from '@playwright/test';
import { screenshot, waitIdle } from './helpers';

test.beforeEach(async ({ page }) => {
  await page.goto('/?process=/sample/');
  await waitIdle(page);
});

test('SQL console runs a query with Ctrl+Enter and shows errors', async ({ page }) => {
  await page.keyboard.press('q');
  const input = page.getByTestId('sql-input');
  await input.fill('SELECT count(*) AS n FROM async_events');
  await input.press('Control+Enter');
  await expect(page.getByTestId('sql-result')).toContainText('914');
  await expect(page.getByTestId('sql-meta')).toContainText('1 rows');
  await screenshot(page, 'sql-console', 'panel-sql');
  await input.fill('SELEC nope');
  await input.press('Control+Enter');
  await expect(page.getByTestId('sql-error')).toBeVisible();
});

test('example queries run from the menu', async ({ page }) => {
  await page.getByRole('button', { name: 'SQL' }).click();
  const menu = page.getByLabel('Example queries');
  const options = await menu.locator('option').count();
  expect(options).toBeGreaterThan(1);
  await menu.selectOption({ index: 1 });
  await expect(page.getByTestId('sql-result')).toBeVisible();
});

test('? lists every keyboard shortcut; Escape closes it', async ({ page }) => {
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  for (const key of ['W', 'A', 'S', 'D', 'F', 'n', 'N', 'Ctrl', 'Esc', '?', '↑'])
    await expect(
      dialog.locator('kbd', { hasText: new RegExp(`^${key.replace('?', '\\?')}$`) }).first(),
    ).toBeVisible();
  await screenshot(page, 'keyboard-help');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('the timeline splitter resizes the panels, and the split is kept on reload', async ({
  page,
}) => {
  const timeline = page.getByTestId('panel-timeline');
  const before = (await timeline.boundingBox())!.height;
  const splitter = page.getByRole('separator', { name: 'Resize timeline' });
  const box = (await splitter.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y - 78, { steps: 4 });
  await page.mouse.up();
  const after = (await timeline.boundingBox())!.height;
  expect(before - after).toBeGreaterThan(60);
  await page.reload();
  await expect(timeline).toBeVisible();
  await expect.poll(async () => (await timeline.boundingBox())!.height).toBeCloseTo(after, -1);
});

test('dark theme follows the system', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(bg).toBe('rgb(21, 24, 29)');
  await screenshot(page, 'dark-theme');
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(light).toBe('rgb(255, 255, 255)');
});
