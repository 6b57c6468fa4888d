// Journey: the fit-and-finish details a new user meets (issue 13) — the tab title and header name
// the process once, the histogram keeps its name across a process switch and says how its
// percentiles are computed, the keyboard works from the tree and a click on empty timeline keeps
// the selection, only block files explain what is missing. Screenshots at DPR 1 and 2.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  cborFiles,
  dropBuffers,
  loadFiles,
  openBlank,
  screenshot,
  summary,
  waitIdle,
} from './helpers';

const viewState = <T>(page: Page, key: string) =>
  page.evaluate(
    (key) => (window.__weft!.viewStore as { getState(): Record<string, unknown> }).getState()[key],
    key,
  ) as Promise<T>;

const windowWidth = async (page: Page) => {
  const w = await viewState<{ startNs: number; endNs: number }>(page, 'window');
  return w.endNs - w.startNs;
};

async function loadTwo(page: Page) {
  await openBlank(page);
  await loadFiles(page, [...cborFiles('small'), ...cborFiles('unclosed')]);
  await expect(page.getByTestId('timeline-canvas')).toBeVisible();
}

test('title and header name the shown process once', async ({ page }) => {
  await loadTwo(page);
  const id = summary('unclosed').process_id;
  await expect(page).toHaveTitle(new RegExp(`^\\S+ ${id.slice(0, 8)}… — weft$`));
  const header = await page.getByTestId('source-label').innerText();
  expect(header.split(id.slice(0, 8)).length - 1).toBe(1);
  await page.getByTestId('process-picker').selectOption(summary('small').process_id);
  await expect(page).toHaveTitle(new RegExp(`${summary('small').process_id.slice(0, 8)}…`));
  await waitIdle(page);
  await screenshot(page, 'finish-overview');
});

test('the histogram keeps its name across a process switch; percentiles say how', async ({
  page,
}) => {
  await loadTwo(page);
  const picker = page.getByRole('combobox', { name: 'Span name' });
  const names = async () =>
    (await picker.locator('option').allInnerTexts()).filter((n) => n !== 'All spans');
  const small = new Set(await names());
  await page.getByTestId('process-picker').selectOption(summary('small').process_id);
  await waitIdle(page);
  const common = (await names()).find((n) => small.has(n) && !n.includes('('))!;
  expect(common).toBeTruthy();
  await picker.selectOption({ label: common });
  await page.getByTestId('process-picker').selectOption(summary('unclosed').process_id);
  await waitIdle(page);
  await expect(picker.locator('option:checked')).toHaveText(common);
  const kind = page.getByTestId('histogram-percentile-kind');
  await expect(kind).toHaveText('interpolated');
  await expect(kind).toHaveAttribute('title', /quantile_cont/);
  await kind.click();
  await expect(kind).toHaveText('discrete');
  await screenshot(page, 'finish-histogram-discrete', 'histogram');
});

test('keyboard: empty timeline click keeps the selection; W/A/S/D from the tree; / and Ctrl+F', async ({
  page,
}) => {
  await loadTwo(page);
  const row = page.locator('.tree-row').nth(2);
  await row.click();
  const selected = await viewState<number>(page, 'selected');
  expect(selected).toBeGreaterThanOrEqual(0);
  // the axis band of the timeline: empty space
  const canvas = page.getByTestId('timeline-canvas');
  await canvas.click({ position: { x: 300, y: 8 } });
  expect(await viewState<number>(page, 'selected')).toBe(selected);
  await row.click(); // focus back in the tree
  const before = await windowWidth(page);
  await page.keyboard.press('w');
  await expect.poll(() => windowWidth(page)).toBeLessThan(before);
  await page.keyboard.press('/');
  await expect(page.getByTestId('timeline-search')).toBeFocused();
  await row.click();
  await page.keyboard.press('Control+f');
  await expect(page.getByTestId('timeline-search')).toBeFocused();
});

test('only block files: the main area says what is missing and which files complete it', async ({
  page,
}) => {
  await openBlank(page);
  const blocks = cborFiles('small').filter((p) => p.includes('/blocks/'));
  await dropBuffers(
    page,
    blocks.map((p) => ({ name: basename(p), bytes: readFileSync(p) })),
  );
  await waitIdle(page);
  const box = page.getByTestId('incomplete-capture');
  await expect(box).toBeVisible();
  const streamIds = new Set(blocks.map((p) => basename(p.slice(0, p.lastIndexOf('/')))));
  for (const id of streamIds) await expect(box).toContainText(`streams/${id}.cbor`);
  await screenshot(page, 'finish-only-blocks');
});

test.describe('at DPR 2', () => {
  test.use({ deviceScaleFactor: 2 });

  test('overview, and a thread name plate yielding under the pointer', async ({ page }) => {
    await openBlank(page);
    await loadFiles(page, cborFiles('small'));
    await screenshot(page, 'finish-overview-dpr2');
    const canvas = page.getByTestId('timeline-canvas');
    const frames = () => page.evaluate(() => Number(window.__weft?.timelineFrames ?? 0));
    const drawn = await frames();
    await canvas.hover({ position: { x: 20, y: 36 + 9 } }); // the first thread lane's plate
    await expect.poll(frames).toBeGreaterThan(drawn);
    await screenshot(page, 'finish-plate-yields-dpr2', 'timeline-canvas');
  });

  test('axis labels at a 150 ns window (where clock labels used to collide)', async ({ page }) => {
    await openBlank(page);
    await loadFiles(page, cborFiles('small'));
    const frames = () => page.evaluate(() => Number(window.__weft?.timelineFrames ?? 0));
    const drawn = await frames();
    await page.evaluate(() => {
      const store = window.__weft!.viewStore as {
        getState(): { setWindow(w: { startNs: number; endNs: number }): void };
      };
      store.getState().setWindow({ startNs: 2_000_000, endNs: 2_000_150 });
    });
    await expect.poll(frames).toBeGreaterThan(drawn);
    await screenshot(page, 'finish-axis-150ns-dpr2', 'timeline-canvas');
  });
});
