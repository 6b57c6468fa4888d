// Journey: several processes loaded at once — the status bar counts them all, a picker chooses
// the one the panels show.
import { expect, test } from '@playwright/test';
import { cborFiles, expectedStatus, loadFiles, openBlank, status, summary } from './helpers';

test('two processes: counts add up and the picker switches the view', async ({ page }) => {
  await openBlank(page);
  await loadFiles(page, [...cborFiles('small'), ...cborFiles('unclosed')]);
  const small = expectedStatus('small');
  const unclosed = expectedStatus('unclosed');
  expect(await status(page)).toEqual({
    processes: 2,
    threads: small.threads + unclosed.threads,
    spans: small.spans + unclosed.spans,
    events: small.events + unclosed.events,
    errors: 0,
  });
  const picker = page.getByTestId('process-picker');
  await expect(picker.locator('option')).toHaveCount(2);
  // The process with the most spans is shown first.
  await expect(picker).toHaveValue(summary('unclosed').process_id);
  await expect(page.getByTestId('tree-summary')).toContainText(`${unclosed.spans} spans`);
  await picker.selectOption(summary('small').process_id);
  await expect(page.getByTestId('tree-summary')).toContainText(`${small.spans} spans`);
});
