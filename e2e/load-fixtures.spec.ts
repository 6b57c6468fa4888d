// Journey: a user opens each real capture (files, a folder, a drop) and the status bar counts
// equal micromegas' own figures (expected_summary.json).
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  FIXTURES,
  cborFiles,
  dropBuffers,
  expectedStatus,
  loadFiles,
  openBlank,
  screenshot,
  status,
  waitIdle,
} from './helpers';

for (const fixture of ['small', 'small-legacy-payload', 'unclosed', 'mixed', 'medium']) {
  test(`open files of ${fixture}: status bar equals the oracle`, async ({ page }) => {
    await openBlank(page);
    await loadFiles(page, cborFiles(fixture));
    expect(await status(page)).toEqual(expectedStatus(fixture));
    await expect(page.getByTestId('panel-timeline')).toBeVisible();
    await screenshot(page, `page-${fixture}`);
  });
}

test('open a whole folder (recursive), extra files are skipped not errors', async ({ page }) => {
  await openBlank(page);
  await page.getByTestId('folder-input').setInputFiles(join(FIXTURES, 'small'));
  await waitIdle(page);
  expect(await status(page)).toEqual(expectedStatus('small'));
});

test('drop files on the page', async ({ page }) => {
  await openBlank(page);
  const files = cborFiles('unclosed').map((p) => ({ name: basename(p), bytes: readFileSync(p) }));
  await dropBuffers(page, files);
  await waitIdle(page);
  expect(await status(page)).toEqual(expectedStatus('unclosed'));
});
