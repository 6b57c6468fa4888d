// Journey: sharing a view. On the sample capture (opened by URL), zoom, filter, select a time
// range and a span, pick a histogram name and brush it, search; "Copy link" puts a link on the
// clipboard that, opened in another page, shows the same window, selection, filters, range,
// search, histogram name, brush and follow choice; that page's own link is the same link.
import { expect, test, type Page } from '@playwright/test';
import { screenshot, waitIdle } from './helpers';

type Store = { getState(): Record<string, any> };

async function open(page: Page, href: string): Promise<void> {
  await page.goto(href);
  await waitIdle(page);
  await expect
    .poll(() => page.evaluate(() => window.__weft?.timelineFrames ?? 0))
    .toBeGreaterThan(0);
}

/** What the link must carry, read from the view store (windows in whole ns, as the URL keeps). */
function shownView(page: Page) {
  return page.evaluate(() => {
    const s = (window.__weft!.viewStore as Store).getState();
    const whole = (w: { startNs: number; endNs: number } | null) =>
      w && [Math.round(w.startNs), Math.round(w.endNs)];
    return {
      processId: s.processId as string,
      window: whole(s.window),
      spanId: s.selected >= 0 ? String(s.spans.spanId[s.selected]) : null,
      filter: s.filter as Record<string, string>,
      range: whole(s.range),
      search: s.search as string,
      histogramName: s.histogramName as string | null,
      brush: s.brush && [s.brush.minNs, String(s.brush.maxNs)],
      histogramFollow: s.histogramFollow as boolean,
    };
  });
}

/** Drags across `testId` from `from` to `to` (fractions of its width) at `y` (css px or 'middle'). */
async function drag(page: Page, testId: string, yCss: number | 'middle', from: number, to: number) {
  const box = (await page.getByTestId(testId).boundingBox())!;
  const y = yCss === 'middle' ? box.height / 2 : yCss;
  await page.mouse.move(box.x + box.width * from, box.y + y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * ((from + to) / 2), box.y + y, { steps: 5 });
  await page.mouse.move(box.x + box.width * to, box.y + y, { steps: 5 });
  await page.mouse.up();
}

async function copyLink(page: Page): Promise<string> {
  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('copy-link')).toHaveText('Link copied');
  return page.evaluate(() => navigator.clipboard.readText());
}

test('a copied link reopens the same view', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(page, '/?process=/sample/');
  await page.getByTestId('tree-row').first().click();
  const selectedName = await page.evaluate(() => {
    const s = (window.__weft!.viewStore as Store).getState();
    return s.spans.names[s.spans.nameIndex[s.selected]] as string;
  });
  // A histogram name other than the selected span's: the link must not let the selection win.
  const picker = page.getByRole('combobox', { name: 'Span name' });
  const names = await picker
    .locator('option')
    .evaluateAll((o) =>
      o.map((e) => (e as HTMLOptionElement).value).filter((v) => v.startsWith('name:')),
    );
  const other = names.find((v) => v !== `name:${selectedName}`)!;
  await picker.selectOption(other);
  await drag(page, 'histogram-svg', 'middle', 0.15, 0.9);
  await expect(page.getByTestId('histogram-brushed')).toBeVisible();
  const thread = 'demo-worker';
  await page.getByTestId('filter-beginThread').fill(thread);
  await page.getByTestId('filter-state').selectOption('complete');
  await page.locator('.timeline-body').focus();
  await page.keyboard.press('w');
  await drag(page, 'timeline-canvas', 12, 0.2, 0.8); // the time axis: a selected range
  await expect(page.getByTestId('timeline-range')).toBeVisible();
  await page.getByPlaceholder('Search span names').fill(selectedName.slice(0, 3));
  const before = await shownView(page);
  expect(before.spanId).not.toBeNull();
  expect(before.range).not.toBeNull();
  expect(before.brush).not.toBeNull();
  expect(before.histogramName).toBe(other.slice('name:'.length));
  expect(before.histogramFollow).toBe(false); // picking a name stops following the selection
  const link = await copyLink(page);
  await screenshot(page, 'share-before');

  const other2 = await context.newPage();
  await open(other2, link);
  await expect(other2.getByTestId('filter-beginThread')).toHaveValue(thread);
  await expect(other2.getByTestId('filter-state')).toHaveValue('complete');
  await expect(other2.getByPlaceholder('Search span names')).toHaveValue(before.search);
  await expect(other2.getByRole('combobox', { name: 'Span name' })).toHaveValue(other);
  await expect(other2.getByTestId('histogram-brushed')).toBeVisible();
  await expect(other2.getByRole('checkbox', { name: 'follow selection' })).not.toBeChecked();
  await expect(other2.getByTestId('timeline-range')).toBeVisible();
  await expect(other2.getByTestId('detail-spanId')).toContainText(before.spanId!);
  expect(await shownView(other2)).toEqual(before);
  await screenshot(other2, 'share-reopened');
  const params = (href: string) => [...new URL(href).searchParams].sort();
  expect(params(await copyLink(other2))).toEqual(params(link));
});
