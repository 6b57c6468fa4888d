// Journey: the panels work together — a span clicked on the timeline is selected in the tree; a
// duration range brushed in the histogram filters the tree. Screenshots of every panel.
import { expect, test, type Page } from '@playwright/test';
import type { StoreApi } from 'zustand/vanilla';
import type { ViewStore } from '../src/store/view-state';
import { screenshot, waitIdle } from './helpers';

type SpanCenter = (span: number) => { x: number; y: number } | null;

/** A span drawn on screen, by name, and where it is (client coordinates). */
async function spanOnScreen(page: Page, name: string) {
  return page.evaluate((wanted) => {
    const weft = window.__weft!;
    const spans = (weft.viewStore as StoreApi<ViewStore>).getState().spans!;
    const center = weft.spanCenterCss as SpanCenter;
    for (let i = 0; i < spans.length; i++) {
      if (!spans.names[spans.nameIndex[i]].endsWith(wanted)) continue;
      const at = center(i);
      if (at && at.x > 0 && at.y > 0) return { span: i, ...at };
    }
    return null;
  }, name);
}

test.beforeEach(async ({ page }) => {
  await page.goto('/?process=/sample/');
  await waitIdle(page);
});

test('a span clicked on the timeline is selected in the tree', async ({ page }) => {
  const target = await spanOnScreen(page, 'load_user');
  expect(target).not.toBeNull();
  await page.mouse.click(target!.x, target!.y);
  const selected = page.locator('[data-testid="tree-row"][aria-selected="true"]');
  await expect(selected).toHaveCount(1);
  await expect(selected).toHaveAttribute('data-row', String(target!.span));
  await expect(selected).toContainText('load_user');
  await expect(page).toHaveURL(/span=\d+/);
  await screenshot(page, 'timeline-selected', 'panel-timeline');
  await screenshot(page, 'tree-selected', 'panel-tree');
});

test('brushing the histogram filters the tree', async ({ page }) => {
  const summary = page.getByTestId('tree-summary');
  await expect(summary).toHaveText('457 spans, 18 roots');
  // the rows shown (their span rows), not their count: a virtualized list shows as many as fit
  const shownRows = () =>
    page.getByTestId('tree-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row')));
  const rowsBefore = await shownRows();
  const svg = page.getByTestId('histogram-svg');
  const box = (await svg.boundingBox())!;
  // Brush the left third of the plot (the short spans).
  const y = box.y + box.height * 0.5;
  await page.mouse.move(box.x + box.width * 0.1, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.35, y, { steps: 8 });
  await page.mouse.up();
  await expect(summary).toContainText('of 457 spans match: duration');
  const matched = Number((await summary.innerText()).split(' ')[0].replace(/,/g, ''));
  expect(matched).toBeGreaterThan(0);
  expect(matched).toBeLessThan(457);
  // the timeline highlights exactly the spans the tree matches (same brush predicate)
  await expect(page.getByTestId('timeline-matches')).toHaveText(
    `${matched.toLocaleString('en-US')} match${matched === 1 ? '' : 'es'}`,
  );
  await expect(page.getByTestId('histogram-brushed')).toBeVisible();
  expect(await shownRows()).not.toEqual(rowsBefore);
  await screenshot(page, 'histogram-brushed', 'panel-histogram');
  await screenshot(page, 'tree-filtered', 'panel-tree');
  await screenshot(page, 'timeline-brushed', 'panel-timeline');
  await page.keyboard.press('Escape');
  await expect(summary).toHaveText('457 spans, 18 roots');
});

test('status bar and whole page', async ({ page }) => {
  await screenshot(page, 'status-bar', 'status-bar');
  await screenshot(page, 'page-mixed');
});
