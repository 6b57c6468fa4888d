// Journey: "where did the time go" on the sample capture (the mixed fixture, opened by URL so a
// reload keeps the view): select a time range on the axis and read the statistics (equal to the
// model's rows over the same range), pick a name, filter by thread, reload, step Back, copy a
// span id from the details panel.
import { expect, test, type Page } from '@playwright/test';
import { screenshot, waitIdle } from './helpers';

type Store = { getState(): Record<string, any> };

function viewState<T>(page: Page, key: string): Promise<T> {
  return page.evaluate(
    (key) => (window.__weft!.viewStore as Store).getState()[key],
    key,
  ) as Promise<T>;
}

async function open(page: Page): Promise<void> {
  await page.goto('/?process=/sample/');
  await waitIdle(page);
  await expect
    .poll(() => page.evaluate(() => window.__weft?.timelineFrames ?? 0))
    .toBeGreaterThan(0);
}

/** The statistics table as rows of cell texts. */
async function statsRows(page: Page): Promise<string[][]> {
  return page
    .getByTestId('stats-table')
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')),
    );
}

test('select a range on the axis and read the statistics; pick a name', async ({ page }) => {
  await open(page);
  await page.getByTestId('tab-stats').click();
  const whole = await statsRows(page);
  expect(whole.length).toBeGreaterThan(3);
  const box = (await page.getByTestId('timeline-canvas').boundingBox())!;
  const y = box.y + 12; // the time axis
  await page.mouse.move(box.x + box.width * 0.3, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.45, y, { steps: 5 });
  await page.mouse.move(box.x + box.width * 0.6, y, { steps: 5 });
  await page.mouse.up();
  const range = await viewState<{ startNs: number; endNs: number }>(page, 'range');
  expect(range.endNs).toBeGreaterThan(range.startNs);
  await expect(page.getByTestId('timeline-range')).toBeVisible();
  await expect(page.getByTestId('stats-scope')).toContainText('begin in the selected range');
  const inRange = await statsRows(page);
  // The panel's counts are the spans that begin in the range, name by name.
  const expected = await page.evaluate(() => {
    const s = (window.__weft!.viewStore as Store).getState();
    const t = s.spans;
    const counts = new Map<string, number>();
    for (let i = 0; i < t.length; i++) {
      if (t.state[i] !== 0 || t.beginNs[i] < s.range.startNs || t.beginNs[i] >= s.range.endNs)
        continue;
      const name = t.names[t.nameIndex[i]];
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    return Object.fromEntries(counts);
  });
  const shown = Object.fromEntries(
    inRange.filter((r) => r[1] !== '0').map((r) => [r[0], Number(r[1].replaceAll(',', ''))]),
  );
  expect(shown).toEqual(expected);
  // the histogram (all names) keeps the same spans
  const total = Object.values(expected).reduce((a, b) => a + b, 0);
  await expect(page.getByTestId('histogram-count')).toHaveText(
    new RegExp(`^${total.toLocaleString('en-US')} complete spans?\\b`),
  );
  expect(inRange.length).toBeLessThanOrEqual(whole.length);
  await screenshot(page, 'analysis-range-statistics');
  const picked = inRange[0][0];
  await page.getByTestId('stats-table').locator(`tbody tr[data-name="${picked}"]`).click();
  expect(await viewState<string>(page, 'search')).toBe(picked);
  expect(await viewState<string>(page, 'histogramName')).toBe(picked);
  await page.keyboard.press('Escape');
  expect(await viewState<unknown>(page, 'range')).toBeNull();
});

test('filter by thread; reload keeps the filters; Back restores the previous window', async ({
  page,
}) => {
  await open(page);
  const thread = await page.evaluate(
    () => (window.__weft!.viewStore as Store).getState().spans.threads[0].name as string,
  );
  await page.getByTestId('filter-beginThread').fill(thread);
  await expect(page.getByTestId('status-filtered')).toBeVisible();
  const kept = Number((await page.getByTestId('status-filtered').innerText()).replaceAll(',', ''));
  const expected = await page.evaluate((thread) => {
    const t = (window.__weft!.viewStore as Store).getState().spans;
    let n = 0;
    for (let i = 0; i < t.length; i++) {
      const b = t.beginThread[i];
      if (b >= 0 && t.threads[b].name.toLowerCase().includes(thread.toLowerCase())) n++;
    }
    return n;
  }, thread);
  expect(kept).toBe(expected);
  expect(kept).toBeGreaterThan(0);
  // the URL is written 250 ms after the last change
  await expect.poll(() => new URL(page.url()).searchParams.get('bthread')).toBe(thread);
  await page.reload();
  await waitIdle(page);
  await expect(page.getByTestId('filter-beginThread')).toHaveValue(thread);
  expect((await viewState<{ beginThread: string }>(page, 'filter')).beginThread).toBe(thread);

  const before = await viewState<{ startNs: number; endNs: number }>(page, 'window');
  await page.locator('.timeline-body').focus();
  const urlWindow = () => new URL(page.url()).searchParams.get('t');
  const shownWindow = await urlWindow();
  await page.keyboard.press('w');
  // Back once the zoomed view has its own history entry (written after the debounce)
  await expect.poll(urlWindow).not.toBe(shownWindow);
  const zoomed = await viewState<{ startNs: number; endNs: number }>(page, 'window');
  expect(zoomed.endNs - zoomed.startNs).toBeLessThan(before.endNs - before.startNs);
  await page.goBack();
  await expect
    .poll(async () => (await viewState<{ startNs: number }>(page, 'window')).startNs)
    .toBe(Math.round(before.startNs));
  await screenshot(page, 'analysis-thread-filter');
});

test('the details panel copies the span id', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(page);
  const row = await page.evaluate(() => {
    const s = (window.__weft!.viewStore as Store).getState();
    const t = s.spans;
    for (let i = 0; i < t.length; i++) if (t.parentSpanId[i] !== 0n && t.state[i] === 0) return i;
    return 0;
  });
  await page.evaluate((row) => (window.__weft!.viewStore as Store).getState().select(row), row);
  const spanId = await page.evaluate(
    (row) => String((window.__weft!.viewStore as Store).getState().spans.spanId[row]),
    row,
  );
  await expect(page.getByTestId('detail-spanId')).toContainText(spanId);
  await page.getByRole('button', { name: 'Copy span id' }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(spanId);
  await page.getByTestId('copy-json').click();
  const json = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
  expect(json.spanId).toBe(spanId);
  await screenshot(page, 'analysis-details');
  await page.getByTestId('detail-parentSpanId').locator('button.link').click();
  const parent = await viewState<number>(page, 'selected');
  const parentId = await page.evaluate(
    (row) => String((window.__weft!.viewStore as Store).getState().spans.spanId[row]),
    parent,
  );
  expect(parentId).toBe(json.parentSpanId);
});

test('the call tree: a click on a path keeps only its spans on the timeline', async ({ page }) => {
  await open(page);
  await page.getByTestId('tab-calltree').click();
  const row = page.locator('.calltree-row[data-path="main_loop"]');
  await expect(row).toBeVisible();
  const count = Number((await row.locator('span').nth(1).innerText()).replaceAll(',', ''));
  const open_ = Number((await row.locator('span').nth(4).innerText()).replaceAll(',', ''));
  await row.click();
  expect(await viewState<{ names: string[] }>(page, 'callPath')).toEqual({
    names: ['main_loop'],
    inverted: false,
  });
  await expect(page.getByTestId('status-filtered')).toHaveText(String(count + open_));
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => done(null))));
  await screenshot(page, 'analysis-call-tree');
  await page.getByTestId('calltree-inverted').check();
  await expect(page.locator('.calltree-row[data-path="main_loop"]')).toBeVisible();
});

test('the call tree path is kept in the URL: reload shows it picked and open; Back clears it', async ({
  page,
}) => {
  await open(page);
  await page.getByTestId('tab-calltree').click();
  await page.getByTestId('calltree-inverted').check();
  // a closed row: open it and pick its first child (a row hidden by default)
  const parentPath = (await page
    .locator('.calltree-row[aria-expanded="false"]')
    .first()
    .getAttribute('data-path'))!;
  expect(parentPath.split(' > ').length).toBeGreaterThanOrEqual(2);
  await page.locator(`.calltree-row[data-path="${parentPath}"] .calltree-twisty`).click();
  const child = page.locator(`.calltree-row[data-path^="${parentPath} > "]`).first();
  const childPath = (await child.getAttribute('data-path'))!;
  await child.click();
  const names = childPath.split(' > ');
  expect(await viewState(page, 'callPath')).toEqual({ names, inverted: true });
  await expect.poll(() => new URL(page.url()).searchParams.getAll('ipath')).toEqual(names);
  const filtered = await page.getByTestId('status-filtered').innerText();

  await page.reload();
  await waitIdle(page);
  expect(await viewState(page, 'callPath')).toEqual({ names, inverted: true });
  await expect(page.getByTestId('status-filtered')).toHaveText(filtered);
  await page.getByTestId('tab-calltree').click();
  await expect(page.getByTestId('calltree-inverted')).toBeChecked();
  await expect(page.locator(`.calltree-row.picked[data-path="${childPath}"]`)).toBeVisible();
  await screenshot(page, 'analysis-call-tree-path-restored');

  await page.goBack();
  await expect.poll(() => viewState(page, 'callPath')).toBeNull();
  expect(new URL(page.url()).searchParams.getAll('ipath')).toEqual([]);
  await expect(page.getByTestId('status-filtered')).toBeHidden();
});

test('a selected span outlines its critical path on the timeline, the links the details list', async ({
  page,
}) => {
  await open(page);
  // the first complete span whose critical path has two links or more (a chain, not one child)
  const row = await page.evaluate(() => {
    const t = (window.__weft!.viewStore as Store).getState().spans;
    const ends = new Map<bigint, number>();
    for (let i = 0; i < t.length; i++) ends.set(t.spanId[i], i);
    for (let i = 0; i < t.length; i++) {
      const parent = ends.get(t.parentSpanId[i]);
      const grand = parent === undefined ? undefined : ends.get(t.parentSpanId[parent]);
      if (t.state[i] === 0 && grand !== undefined && t.state[grand] === 0) return grand;
    }
    return -1;
  });
  expect(row).toBeGreaterThanOrEqual(0);
  await page.evaluate((r) => (window.__weft!.revealSpan as (r: number) => void)(r), row);
  const at = await page.evaluate(
    (r) => (window.__weft!.spanCenterCss as (r: number) => { x: number; y: number })(r),
    row,
  );
  await page.mouse.click(at.x, at.y);
  await expect.poll(() => viewState<number>(page, 'selected')).toBe(row);
  const listed = await page.getByTestId('critical-path').locator('li button').allInnerTexts();
  expect(listed.length).toBeGreaterThan(0);
  const outlined = await page.evaluate(() => {
    const t = (window.__weft!.viewStore as Store).getState().spans;
    const rows = (window.__weft!.outlinedCritical as () => number[])();
    return rows.map((r) => t.names[t.nameIndex[r]] as string);
  });
  expect(outlined).toEqual(listed);
  await screenshot(page, 'analysis-critical-path');
});
