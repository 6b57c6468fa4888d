// Journey: the SQL console as a user pushes it — errors that read as text, a console that cannot
// change weft's tables, a million-row result that scrolls (frame times measured and printed, not
// asserted: tests never depend on timing), CSV and Parquet downloads of a result.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { screenshot, summary, waitIdle } from './helpers';

test.beforeEach(async ({ page }) => {
  await page.goto('/?process=/sample/');
  await waitIdle(page);
  await page.keyboard.press('q');
});

async function run(page: Page, sql: string) {
  const input = page.getByTestId('sql-input');
  await input.fill(sql);
  await input.press('Control+Enter');
}

test('errors read as text, with no stale header; DROP VIEW cannot run', async ({ page }) => {
  await run(page, 'SELECT 1 AS first_column');
  await expect(page.getByRole('columnheader', { name: 'first_column' })).toBeVisible();
  await run(page, 'SELEC nope');
  const error = page.getByTestId('sql-error');
  await expect(error).toContainText('Parser Error: syntax error');
  await expect(error).not.toContainText('exception_type');
  await expect(page.getByRole('columnheader')).toHaveCount(0);
  await run(page, 'DROP VIEW async_spans');
  await expect(error).toContainText('read-only');
  await run(page, 'SELECT count(*) AS spans FROM async_spans');
  const spans = summary('mixed').distinct_span_ids; // the sample capture
  await expect(page.getByTestId('sql-result')).toContainText(String(spans));
});

/** Scrolls the result grid a step per animation frame; returns the frame intervals (ms). */
async function scrollFrames(page: Page, frames: number): Promise<number[]> {
  return page.evaluate(async (count) => {
    const grid = document.querySelector('[data-testid="sql-result"]') as HTMLElement;
    const step = (grid.scrollHeight - grid.clientHeight) / count;
    const times: number[] = [];
    let last = performance.now();
    for (let k = 1; k <= count; k++) {
      grid.scrollTop = step * k;
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const now = performance.now();
      times.push(now - last);
      last = now;
    }
    return times;
  }, frames);
}

test('a million-row result scrolls to its last row', async ({ page }) => {
  await run(page, "SELECT i, i * 2 AS twice, 'row ' || i AS label FROM range(1000000) t(i)");
  await expect(page.getByTestId('sql-meta')).toContainText('1,000,000 rows');
  const times = await scrollFrames(page, 240);
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const figure = `1M-row SQL result, 240 scroll steps: frame p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms`;
  console.log(figure);
  test.info().annotations.push({ type: 'frame times', description: figure });
  await expect(page.getByRole('cell', { name: 'row 999999', exact: true })).toBeVisible();
  await expect(page.locator('.sql-row')).not.toHaveCount(0);
  expect(await page.locator('.sql-row').count()).toBeLessThan(200);
  await screenshot(page, 'sql-console-large');
});

test('a result downloads as CSV and as Parquet', async ({ page }) => {
  await run(page, 'SELECT i, \'a,"b"\' AS text FROM range(3) t(i)');
  await expect(page.getByTestId('sql-meta')).toContainText('3 rows');
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'CSV' }).click(),
  ]);
  expect(csv.suggestedFilename()).toMatch(/^weft-query-.*\.csv$/);
  const text = readFileSync((await csv.path())!, 'utf8');
  expect(text).toBe('i,text\n0,"a,""b"""\n1,"a,""b"""\n2,"a,""b"""\n');
  const [parquet] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Parquet' }).click(),
  ]);
  expect(parquet.suggestedFilename()).toMatch(/\.parquet$/);
  const bytes = readFileSync((await parquet.path())!);
  expect(bytes.subarray(0, 4).toString()).toBe('PAR1');
  expect(bytes.subarray(-4).toString()).toBe('PAR1');
});
