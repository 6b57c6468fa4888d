// Journey: a user explores the async timeline of the unclosed capture: clicks a span, reads its
// tooltip, searches by name and steps through matches, zooms with the keyboard, filters to
// migrated spans. Spans are located through window.__weft.spanCenterCss (client coordinates).
import { expect, test, type Page } from '@playwright/test';
import { cborFiles, loadFiles, openBlank, screenshot } from './helpers';

interface SpanInfo {
  index: number;
  name: string;
}

/** The first span whose name contains `part` and whose state is `state` (0 complete, 1 open). */
async function findSpan(page: Page, part: string, state: number): Promise<SpanInfo> {
  return page.evaluate(
    ([part, state]) => {
      const spans = window.__weft!.viewStore as {
        getState(): {
          spans: { length: number; names: string[]; nameIndex: Uint32Array; state: Uint8Array };
        };
      };
      const t = spans.getState().spans;
      for (let i = 0; i < t.length; i++) {
        const name = t.names[t.nameIndex[i]];
        if (name.includes(part as string) && t.state[i] === state) return { index: i, name };
      }
      throw new Error(`no span named like ${part}`);
    },
    [part, state] as const,
  );
}

async function viewState<T>(page: Page, key: string): Promise<T> {
  return page.evaluate(
    (key) => (window.__weft!.viewStore as { getState(): Record<string, unknown> }).getState()[key],
    key,
  ) as Promise<T>;
}

async function centerOf(page: Page, span: number): Promise<{ x: number; y: number }> {
  await page.evaluate((span) => (window.__weft!.revealSpan as (i: number) => void)(span), span);
  await page.waitForTimeout(50);
  const center = await page.evaluate(
    (span) =>
      (window.__weft!.spanCenterCss as (i: number) => { x: number; y: number } | null)(span),
    span,
  );
  expect(center).not.toBeNull();
  return center!;
}

test.beforeEach(async ({ page }) => {
  await openBlank(page);
  await loadFiles(page, cborFiles('unclosed'));
  await expect(page.getByTestId('timeline-canvas')).toBeVisible();
  await expect
    .poll(() => page.evaluate(() => window.__weft?.timelineFrames ?? 0))
    .toBeGreaterThan(0);
});

test('click a span: it is selected, outlined, and its tooltip names threads and state', async ({
  page,
}) => {
  const open = await findSpan(page, 'long_session', 1);
  const center = await centerOf(page, open.index);
  await page.mouse.move(center.x, center.y);
  const tooltip = page.getByRole('tooltip');
  await expect(tooltip).toBeVisible();
  await expect(tooltip).toContainText(open.name);
  await expect(tooltip).toContainText('open: no end captured');
  await page.mouse.click(center.x, center.y);
  expect(await viewState<number>(page, 'selected')).toBe(open.index);
  await screenshot(page, 'timeline-open-span', 'panel-timeline');
});

test('search highlights matches; Enter and n step through them', async ({ page }) => {
  await page.getByTestId('timeline-search').fill('fetch_rows');
  await expect(page.getByTestId('timeline-matches')).toContainText('matches');
  await page.getByTestId('timeline-search').press('Enter');
  const first = await viewState<number>(page, 'selected');
  expect(first).toBeGreaterThanOrEqual(0);
  await expect(page.getByTestId('timeline-matches')).toContainText('1 / ');
  await page.locator('.timeline-body').focus();
  await page.keyboard.press('n');
  const second = await viewState<number>(page, 'selected');
  expect(second).toBeGreaterThan(first);
  await page.keyboard.press('Shift+N');
  expect(await viewState<number>(page, 'selected')).toBe(first);
});

test('W zooms in, S zooms out, D pans; the migrated filter redraws', async ({ page }) => {
  const before = await viewState<{ startNs: number; endNs: number }>(page, 'window');
  await page.locator('.timeline-body').focus();
  await page.keyboard.press('w');
  const zoomed = await viewState<{ startNs: number; endNs: number }>(page, 'window');
  expect(zoomed.endNs - zoomed.startNs).toBeLessThan(before.endNs - before.startNs);
  await page.keyboard.press('d');
  const panned = await viewState<{ startNs: number; endNs: number }>(page, 'window');
  expect(panned.startNs).toBeGreaterThan(zoomed.startNs);
  const frames = await page.evaluate(() => window.__weft!.timelineFrames as number);
  await page.getByTestId('filter-migrated').selectOption('yes');
  expect((await viewState<{ migrated: string }>(page, 'filter')).migrated).toBe('yes');
  await expect
    .poll(() => page.evaluate(() => window.__weft!.timelineFrames as number))
    .toBeGreaterThan(frames);
});
