// Journey: a user zoomed into the busiest 0.3 ms of the medium capture collapses a root task's
// group by its triangle, reads how many spans it hides (equal to the group's descendants counted
// from the span table's own id columns here, not from the app's lane code), expands and collapses
// it again with → / ←, collapses every group with G, and a reload of the link keeps the groups as
// they were. Spans are located through window.__weft (client coordinates).
import { expect, test, type Page } from '@playwright/test';
import { expectedStatus, screenshot, status, summary, waitIdle } from './helpers';
import { postFixture, startWeft, type TestWeft } from './weft-servers';

let server: TestWeft;

test.beforeEach(async () => {
  server = await startWeft();
  await postFixture(server.url, 'medium');
});

test.afterEach(() => server.close());

/** The medium capture is shown in full (its true counts in the status bar). */
async function loaded(page: Page): Promise<void> {
  await waitIdle(page);
  await expect.poll(() => status(page), { timeout: 60_000 }).toEqual(expectedStatus('medium'));
  await waitIdle(page);
}

type Triangle = { span: number; x: number; y: number };

const triangles = (page: Page) =>
  page.evaluate(() => (window.__weft!.groupTriangles as () => Triangle[])());

/** The page's span table columns these checks read (window.__weft.viewStore). */
type Table = {
  length: number;
  spanId: BigInt64Array;
  parentSpanId: BigInt64Array;
  beginNs: Float64Array;
  endNs: Float64Array;
};

/**
 * Descendants of each span in `roots` that collapsing it hides (those inside its time extent: all
 * of them in medium), by walking span_id → parent_span_id over the table.
 */
function descendantsBySpanTable(page: Page, roots: number[]): Promise<number[]> {
  return page.evaluate((roots) => {
    const store = window.__weft!.viewStore as { getState(): { spans: Table } };
    const t = store.getState().spans;
    const byId = new Map<bigint, number>();
    for (let i = t.length - 1; i >= 0; i--) byId.set(t.spanId[i], i);
    const rootOf = (i: number) => {
      let v = i;
      for (let steps = 0; steps <= t.length; steps++) {
        const p = byId.get(t.parentSpanId[v]);
        if (p === undefined || p === v) return v;
        v = p;
      }
      return v;
    };
    const count = new Map<number, number>(roots.map((r) => [r, 0]));
    for (let i = 0; i < t.length; i++) {
      const r = rootOf(i);
      const inside = t.beginNs[i] >= t.beginNs[r] && t.endNs[i] <= t.endNs[r];
      if (r !== i && inside && count.has(r)) count.set(r, count.get(r)! + 1);
    }
    return roots.map((r) => count.get(r)!);
  }, roots);
}

const center = (page: Page, span: number) =>
  page.evaluate(
    (span) =>
      (window.__weft!.spanCenterCss as (s: number) => { x: number; y: number } | null)(span),
    span,
  );

const flippedIds = (page: Page) =>
  page.evaluate(() => {
    const store = window.__weft!.viewStore as {
      getState(): { groupsFlipped: Set<bigint>; groupsCollapsed: boolean };
    };
    const s = store.getState();
    return { all: s.groupsCollapsed, ids: [...s.groupsFlipped].map(String) };
  });

const spanIdOf = (page: Page, span: number) =>
  page.evaluate((span) => {
    const store = window.__weft!.viewStore as { getState(): { spans: { spanId: BigInt64Array } } };
    return String(store.getState().spans.spanId[span]);
  }, span);

/** Medium from the page's own server, zoomed into its busiest 0.3 ms, its triangles drawn. */
async function openBusiestWindow(page: Page): Promise<void> {
  const id = summary('medium').process_id;
  await page.goto(`${server.url}/?micromegas=${server.url}&process=${id}`);
  await loaded(page);
  await page.evaluate(() => (window.__weft!.showBusiestWindow as (w: number) => number)(300_000));
  await expect.poll(async () => (await triangles(page)).length).toBeGreaterThan(0);
}

test('collapse a root task by its triangle and by key; the count is its descendants; a reload keeps it', async ({
  page,
}) => {
  await openBusiestWindow(page);
  await screenshot(page, 'groups-expanded');

  // the root on screen with the largest group
  const shown = await triangles(page);
  const counts = await descendantsBySpanTable(
    page,
    shown.map((t) => t.span),
  );
  const pick = counts.indexOf(Math.max(...counts));
  const { span: root, x, y } = shown[pick];
  expect(counts[pick]).toBeGreaterThan(0);
  await page.mouse.click(x, y);
  const rootId = await spanIdOf(page, root);
  await expect.poll(() => flippedIds(page)).toEqual({ all: false, ids: [rootId] });
  const bar = (await center(page, root))!;
  await page.mouse.move(bar.x, bar.y);
  await expect(page.getByRole('tooltip')).toContainText(
    `group collapsed: ${counts[pick]} spans hidden`,
  );
  await screenshot(page, 'groups-one-collapsed');
  await expect.poll(() => new URL(page.url()).searchParams.get('gflip')).toBe(rootId);

  // → expands the selected root's group, ← collapses it again
  await page.mouse.click(bar.x, bar.y);
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => flippedIds(page)).toEqual({ all: false, ids: [] });
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => flippedIds(page)).toEqual({ all: false, ids: [rootId] });

  // the link keeps the collapsed group
  await expect.poll(() => new URL(page.url()).searchParams.get('gflip')).toBe(rootId);
  await page.reload();
  await loaded(page);
  await expect.poll(() => flippedIds(page)).toEqual({ all: false, ids: [rootId] });

  // G collapses every group: only roots are drawn, each with its count
  await page.locator('.timeline-body').focus();
  await page.keyboard.press('g');
  await expect.poll(() => flippedIds(page)).toEqual({ all: true, ids: [] });
  await expect.poll(() => new URL(page.url()).searchParams.get('groups')).toBe('collapsed');
  await expect(page.getByTestId('groups-collapse-all')).toBeDisabled();
  await screenshot(page, 'groups-all-collapsed');
  await page.getByTestId('groups-expand-all').click();
  await expect.poll(() => flippedIds(page)).toEqual({ all: false, ids: [] });
});

/**
 * For each span: its parent row (span_id → parent_span_id over the table, the first row of an id),
 * how many descendants inside its time extent it has (what collapsing it alone hides) and one of
 * them (-1: none).
 */
function hiddenBySpanTable(
  page: Page,
  spans: number[],
): Promise<{ parent: number; hides: number; descendant: number }[]> {
  return page.evaluate((spans) => {
    const store = window.__weft!.viewStore as { getState(): { spans: Table } };
    const t = store.getState().spans;
    const byId = new Map<bigint, number>();
    for (let i = t.length - 1; i >= 0; i--) byId.set(t.spanId[i], i);
    const parentOf = (i: number) => {
      const p = byId.get(t.parentSpanId[i]);
      return p === undefined || p === i ? -1 : p;
    };
    const wanted = new Map<number, number>(spans.map((s) => [s, 0]));
    const one = new Map<number, number>();
    for (let i = 0; i < t.length; i++) {
      for (let a = parentOf(i), steps = 0; a >= 0 && steps <= t.length; a = parentOf(a), steps++) {
        const inside = t.beginNs[i] >= t.beginNs[a] && t.endNs[i] <= t.endNs[a];
        if (!wanted.has(a) || !inside) continue;
        wanted.set(a, wanted.get(a)! + 1);
        one.set(a, i);
      }
    }
    const facts = (s: number) => ({
      parent: parentOf(s),
      hides: wanted.get(s)!,
      descendant: one.get(s) ?? -1,
    });
    return spans.map(facts);
  }, spans);
}

const visibleSpans = (page: Page) =>
  page.evaluate(() => (window.__weft!.visibleSpanCount as () => number)());

test('collapse an inner span by its triangle: its count is its descendants; expanding restores it', async ({
  page,
}) => {
  await openBusiestWindow(page);

  // the inner span (one with a parent) on screen hiding the most spans
  const shown = await triangles(page);
  const facts = await hiddenBySpanTable(
    page,
    shown.map((t) => t.span),
  );
  const inner = shown.map((t, k) => ({ ...t, ...facts[k] })).filter((t) => t.parent >= 0);
  expect(inner.length).toBeGreaterThan(0);
  const pick = inner.reduce((a, b) => (b.hides > a.hides ? b : a));
  expect(pick.hides).toBeGreaterThan(0);
  const before = await visibleSpans(page);
  await page.mouse.click(pick.x, pick.y);
  const spanId = await spanIdOf(page, pick.span);
  await expect.poll(() => flippedIds(page)).toEqual({ all: false, ids: [spanId] });
  await expect.poll(() => new URL(page.url()).searchParams.get('gflip')).toBe(spanId);
  // the span stays drawn, its parent too, and it says how many it hides
  expect(await center(page, pick.parent)).not.toBeNull();
  const bar = (await center(page, pick.span))!;
  await page.mouse.move(bar.x, bar.y);
  await expect(page.getByRole('tooltip')).toContainText(
    `group collapsed: ${pick.hides} spans hidden`,
  );
  expect(await visibleSpans(page)).toBeLessThan(before);
  await screenshot(page, 'groups-inner-collapsed');
  // the link keeps it
  await page.reload();
  await loaded(page);
  await expect.poll(() => flippedIds(page)).toEqual({ all: false, ids: [spanId] });

  // its triangle again: everything it hid is back, on the same rows
  await expect
    .poll(async () => (await triangles(page)).some((t) => t.span === pick.span))
    .toBe(true);
  const again = (await triangles(page)).find((t) => t.span === pick.span)!;
  await page.mouse.click(again.x, again.y);
  await expect.poll(() => flippedIds(page)).toEqual({ all: false, ids: [] });
  await expect.poll(() => visibleSpans(page)).toBe(before);

  // ← on it (selected) collapses it again; a span it hides, selected elsewhere, opens it
  const on = (await center(page, pick.span))!;
  await page.mouse.click(on.x, on.y);
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => flippedIds(page)).toEqual({ all: false, ids: [spanId] });
  expect(await center(page, pick.descendant)).toBeNull();
  await page.evaluate((span) => {
    const store = window.__weft!.viewStore as { getState(): { select(i: number): void } };
    store.getState().select(span);
  }, pick.descendant);
  await expect.poll(() => flippedIds(page)).toEqual({ all: false, ids: [] });
  await expect.poll(() => center(page, pick.descendant)).not.toBeNull();
});
