// The overview strip above the lanes: on the real medium capture it shows the whole capture with
// the time window drawn on it; a drag picks the window, a click centres the window there (both
// read from the view store), and a filter changes the bars. On the sample (opened by URL, so the
// view is kept in it) a drag writes the window to the URL's t= and Back returns to the previous one.
import { expect, test, type Page } from '@playwright/test';
import { cborFiles, loadFiles, openBlank, screenshot, waitIdle } from './helpers';

type Store = { getState(): Record<string, any> };

interface Capture {
  beginNs: number;
  endNs: number;
}

async function capture(page: Page): Promise<Capture> {
  return page.evaluate(() => {
    const t = (window.__weft!.viewStore as Store).getState().spans;
    return { beginNs: t.captureBeginNs as number, endNs: t.captureEndNs as number };
  });
}

/** The window the URL keeps (t=startNs,endNs), or null before it is written. */
function urlWindow(page: Page): [number, number] | null {
  const t = new URL(page.url()).searchParams.get('t');
  return t ? (t.split(',').map(Number) as [number, number]) : null;
}

/** The window the view shows. */
function storeWindow(page: Page): Promise<[number, number]> {
  return page.evaluate(() => {
    const w = (window.__weft!.viewStore as Store).getState().window;
    return [w.startNs, w.endNs] as [number, number];
  });
}

/** Drags on the strip from `from` to `to` (fractions of its width). */
async function dragStrip(page: Page, from: number, to: number): Promise<void> {
  const box = await stripBox(page);
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * from, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * ((from + to) / 2), y, { steps: 5 });
  await page.mouse.move(box.x + box.width * to, y, { steps: 5 });
  await page.mouse.up();
}

async function stripBox(page: Page) {
  const box = await page.getByTestId('overview-strip').locator('svg').boundingBox();
  expect(box).not.toBeNull();
  return box!;
}

test('the overview strip on medium: drag and click move the window; filters change it', async ({
  page,
}) => {
  await openBlank(page);
  await loadFiles(page, cborFiles('medium'));
  const strip = page.getByTestId('overview-strip');
  await expect(strip.locator('.bars path').first()).toBeVisible();
  await expect(strip.locator('.brush .selection')).toBeVisible();
  await screenshot(page, 'overview-medium');
  const cap = await capture(page);
  const box = await stripBox(page);
  const nsAt = (f: number) => cap.beginNs + (cap.endNs - cap.beginNs) * f;
  const nsPerPx = (cap.endNs - cap.beginNs) / box.width;

  // drag from 20 % to 40 % of the strip: the window becomes that part of the capture
  const initial = await storeWindow(page);
  await dragStrip(page, 0.2, 0.4);
  await expect.poll(() => storeWindow(page)).not.toEqual(initial);
  const dragged = await storeWindow(page);
  expect(Math.abs(dragged[0] - nsAt(0.2))).toBeLessThanOrEqual(2 * nsPerPx);
  expect(Math.abs(dragged[1] - nsAt(0.4))).toBeLessThanOrEqual(2 * nsPerPx);
  await expect(page.getByTestId('timeline-canvas')).toBeVisible();
  await screenshot(page, 'overview-dragged');

  // a click at 80 %: the window keeps its width, centred there; the brush follows
  await page.mouse.click(box.x + box.width * 0.8, box.y + box.height / 2);
  await expect.poll(async () => (await storeWindow(page))[0]).not.toBe(dragged[0]);
  const clicked = await storeWindow(page);
  expect(clicked[1] - clicked[0]).toBeCloseTo(dragged[1] - dragged[0], 0);
  expect(Math.abs((clicked[0] + clicked[1]) / 2 - nsAt(0.8))).toBeLessThanOrEqual(2 * nsPerPx);
  const sel = await strip.locator('.brush .selection').boundingBox();
  expect(Math.abs(sel!.x + sel!.width / 2 - (box.x + box.width * 0.8))).toBeLessThanOrEqual(2);

  // a filter that keeps one thread's spans changes the bars and says so
  const heights = () =>
    strip.locator('.bars path').evaluateAll((r) => r.map((e) => e.getAttribute('d')).join());
  const before = await heights();
  const thread = await page.evaluate(
    () => (window.__weft!.viewStore as Store).getState().spans.threads[0].name as string,
  );
  await page.getByTestId('filter-beginThread').fill(thread);
  await expect(page.getByTestId('overview-peak')).toContainText('(filtered)');
  // the bars of a count are drawn after the next frame (src/ui/after-next-frame.ts)
  await expect.poll(heights).not.toBe(before);
  await screenshot(page, 'overview-filtered');
});

test('a drag on the overview is a view in the URL; Back returns to the previous window', async ({
  page,
}) => {
  await page.goto('/?process=/sample/');
  await waitIdle(page);
  await expect(page.getByTestId('overview-strip').locator('.bars path').first()).toBeVisible();
  const initial = JSON.stringify(urlWindow(page));
  await dragStrip(page, 0.3, 0.6);
  // the URL follows the brush while it moves: wait until it holds the window the drag ended on
  const settled = async () => {
    const url = JSON.stringify(urlWindow(page));
    return url !== initial && url === JSON.stringify((await storeWindow(page)).map(Math.round));
  };
  await expect.poll(settled).toBe(true);
  const first = urlWindow(page)!;
  await dragStrip(page, 0.1, 0.2);
  await expect.poll(() => urlWindow(page)![0]).not.toBe(first[0]);
  await page.goBack();
  await expect.poll(() => urlWindow(page)).toEqual(first);
  expect((await storeWindow(page)).map(Math.round)).toEqual(first);
});

test('the selected time range is shaded on the overview where it lies in the capture', async ({
  page,
}) => {
  await page.goto('/?process=/sample/');
  await waitIdle(page);
  const shade = page.getByTestId('overview-strip').locator('rect.range');
  await expect(shade).toBeHidden();
  const canvas = (await page.getByTestId('timeline-canvas').boundingBox())!;
  const y = canvas.y + 12; // a drag on the time axis selects a range
  await page.mouse.move(canvas.x + canvas.width * 0.3, y);
  await page.mouse.down();
  await page.mouse.move(canvas.x + canvas.width * 0.5, y, { steps: 5 });
  await page.mouse.up();
  await expect(shade).toBeVisible();
  const range = await page.evaluate(
    () =>
      (window.__weft!.viewStore as Store).getState().range as { startNs: number; endNs: number },
  );
  const cap = await capture(page);
  const box = await stripBox(page);
  const pxOf = (ns: number) => ((ns - cap.beginNs) / (cap.endNs - cap.beginNs)) * box.width;
  const x = Number(await shade.getAttribute('x'));
  const width = Number(await shade.getAttribute('width'));
  expect(x).toBeCloseTo(pxOf(range.startNs), 0);
  expect(x + width).toBeCloseTo(pxOf(range.endNs), 0);
  await screenshot(page, 'overview-range');
  await page.keyboard.press('Escape');
  await expect(shade).toBeHidden();
});
