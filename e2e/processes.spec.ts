// Journey: several processes loaded — the status bar describes the one shown beside the number
// loaded, a picker chooses the one the panels show, and a capture opened after another is the
// one shown.
import { expect, test } from '@playwright/test';
import {
  cborFiles,
  expectedStatus,
  loadFiles,
  openBlank,
  screenshot,
  status,
  summary,
} from './helpers';

test('two processes: the status bar describes the shown one; the picker switches', async ({
  page,
}) => {
  await openBlank(page);
  await loadFiles(page, [...cborFiles('small'), ...cborFiles('unclosed')]);
  const small = expectedStatus('small');
  const unclosed = expectedStatus('unclosed');
  // The process with the most spans is shown first.
  expect(await status(page)).toEqual({ ...unclosed, processes: 2 });
  const picker = page.getByTestId('process-picker');
  await expect(picker.locator('option')).toHaveCount(2);
  await expect(picker).toHaveValue(summary('unclosed').process_id);
  await expect(page.getByTestId('tree-summary')).toContainText(`${unclosed.spans} spans`);
  await picker.selectOption(summary('small').process_id);
  await expect(page.getByTestId('tree-summary')).toContainText(`${small.spans} spans`);
  await expect.poll(() => status(page)).toEqual({ ...small, processes: 2 });
});

test('a capture opened after another is the one shown, and the header names it', async ({
  page,
}) => {
  await openBlank(page);
  // unclosed has more spans than small: the old rule (most spans) would keep it on screen.
  await loadFiles(page, cborFiles('unclosed'));
  expect(await status(page)).toEqual(expectedStatus('unclosed'));
  await loadFiles(page, cborFiles('small'));
  expect(await status(page)).toEqual({ ...expectedStatus('small'), processes: 2 });
  await expect(page.getByTestId('process-picker')).toHaveValue(summary('small').process_id);
  const id = summary('small').process_id;
  await expect(page.getByTestId('source-label')).toContainText(id.slice(0, 8));
  await expect(page.getByTestId('source-label')).toContainText(
    `${cborFiles('small').length} files`,
  );
  await screenshot(page, 'second-capture');
});
