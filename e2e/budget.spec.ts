// Journey: files that need more memory than the tab's budget (`?budget=<MB>`, set here to half
// of what medium needs) are not loaded blindly: a dialog says how many span events their block
// headers allow and the memory that takes, before anything loads. Cancel loads nothing; the part
// that fits loads its first blocks; load anyway loads everything (counts equal the oracle).
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { estimateEvents, surveyInput } from '../src/ingest/survey';
import { neededBytes } from '../src/store/load-budget';
import { cborFiles, expectedStatus, screenshot, status, waitIdle } from './helpers';

test('past the memory budget the user chooses before anything loads', async ({ page }) => {
  const files = cborFiles('medium');
  const estimate = estimateEvents(files.map((f) => surveyInput(readFileSync(f), f)));
  const budgetMb = neededBytes(estimate.events / 2) / 1e6;
  await page.goto(`/?process=none&budget=${budgetMb}`);
  await expect(page.locator('body')).toHaveAttribute('data-weft-state', /idle|error/);
  const dialog = page.getByRole('alertdialog', { name: 'Not enough memory' });

  await page.getByTestId('file-input').setInputFiles(files);
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('budget-estimate')).toContainText(
    `up to ${estimate.events.toLocaleString('en-US')} span events`,
  );
  await screenshot(page, 'budget-warning');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect((await status(page)).events).toBe(0);

  await page.getByTestId('file-input').setInputFiles(files);
  await dialog.getByRole('button', { name: 'Load the part that fits' }).click();
  await waitIdle(page);
  const part = await status(page);
  const all = expectedStatus('medium');
  expect(part.spans).toBeGreaterThan(0);
  expect(part.events).toBeLessThan(all.events);

  await page.getByTestId('file-input').setInputFiles(files);
  await dialog.getByRole('button', { name: 'Load anyway' }).click();
  await waitIdle(page);
  expect(await status(page)).toEqual(all);
});
