// Journey: a drop of 10,000 tiny files that are not micromegas data (plus a real capture) keeps
// the page responsive — the keyboard help opens while it loads — and finishes with every file
// counted, the real capture shown, and the errors panel listing a capped number of rows.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { cborFiles, expectedStatus, openBlank, screenshot, status, waitIdle } from './helpers';

const JUNK_FILES = 10_000;
const LISTED = 500; // ISSUES_LISTED in src/store/load-reporter.ts

test('10,000 tiny files load without freezing the page', async ({ page }) => {
  test.setTimeout(180_000);
  await openBlank(page);
  const real = cborFiles('small').map((p) => ({
    name: basename(p),
    base64: readFileSync(p).toString('base64'),
  }));
  // Counts changes of the status bar's text: one per store update that reached the screen.
  await page.evaluate(() => {
    const w = window as unknown as { statusChanges: number };
    w.statusChanges = 0;
    const bar = document.querySelector('[data-testid="status-bar"]')!;
    new MutationObserver(() => w.statusChanges++).observe(bar, {
      subtree: true,
      characterData: true,
      childList: true,
    });
  });
  await page.evaluate(
    ({ junk, real }) => {
      const data = new DataTransfer();
      for (const f of real)
        data.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name));
      for (let i = 0; i < junk; i++)
        data.items.add(new File([new Uint8Array([i & 255, i >> 8, 7])], `junk-${i}.bin`));
      window.dispatchEvent(new DragEvent('dragenter', { dataTransfer: data }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, cancelable: true }));
    },
    { junk: JUNK_FILES, real },
  );
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await waitIdle(page, 150_000);
  expect(await status(page)).toEqual(expectedStatus('small'));
  await expect(page.getByTestId('status-bar')).toContainText(
    `skipped files ${JUNK_FILES.toLocaleString('en-US')}`,
  );
  // Before batching, every rejected file re-rendered the status bar (≥ 10,000 changes).
  const changes = await page.evaluate(
    () => (window as unknown as { statusChanges: number }).statusChanges,
  );
  expect(changes).toBeLessThan(JUNK_FILES / 10);
  await page.getByTestId('errors-button').click();
  const panel = page.getByTestId('errors-panel');
  await expect(panel.getByTestId('issue')).toHaveCount(LISTED);
  await expect(panel.getByTestId('issues-unlisted')).toHaveText(
    `… and ${(JUNK_FILES - LISTED).toLocaleString('en-US')} more skipped files not listed`,
  );
  await screenshot(page, 'many-files-errors');
});
