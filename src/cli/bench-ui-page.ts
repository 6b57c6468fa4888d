// What `weft bench ui` does inside the page: probes installed before the drop (drop time, first
// timeline frame with spans, per-frame draw cost and animation-frame intervals while sampling,
// every main-thread long task), the scripted zoom / pan / search, and the busy-window figure.
import type { Page } from '@playwright/test';
import type { GroupsFigure } from '../model/busy-window';

export type { GroupsFigure };

/** Width of the busy window the lanes figure zooms into. */
export const BUSY_WINDOW_NS = 300_000;

/**
 * In-page probes, as source text (tsx would wrap named inner functions in a helper the page lacks):
 * the drop time (the file input's change event); the first timeline frame drawn after it with a
 * span table of at least one span (a preview of a long load: store/preview.ts), when its draw
 * ended (`__weft.lastFrameAtMs`: the next animation frame's callback, which noticed it, can come
 * a frame and a slice of the work behind the first view later), and the first
 * after the load's full first view (weft:first-view); while `sampling`, each drawn frame's cost and each
 * animation-frame interval; and every long task (PerformanceObserver 'longtask': a main-thread
 * task over 50 ms) with its start and duration.
 */
export const PROBES = `(() => {
  const bench = { drawn: [], raf: [], longTasks: [] };
  window.__bench = bench;
  const frames = () => Number((window.__weft && window.__weft.timelineFrames) || 0);
  const spans = () => {
    const store = window.__weft && window.__weft.viewStore;
    const table = store && store.getState().spans;
    return table ? table.length : 0;
  };
  document.addEventListener('change', () => {
    bench.dropMs = performance.now();
  }, true);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) bench.longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  let lastRaf = performance.now();
  let lastFrames = frames();
  const tick = (now) => {
    if (bench.sampling) bench.raf.push(now - lastRaf);
    lastRaf = now;
    const n = frames();
    if (n !== lastFrames) {
      // when the frame was drawn (a viewer without lastFrameAtMs: now, up to a frame later)
      const at = Number(window.__weft.lastFrameAtMs) || performance.now();
      const after = bench.dropMs !== undefined && at >= bench.dropMs && spans() > 0;
      if (after && bench.firstFrameMs === undefined) bench.firstFrameMs = at;
      const full = performance.getEntriesByName('weft:first-view')
        .some((m) => m.startTime >= bench.dropMs && m.startTime <= at);
      if (after && full && bench.fullFrameMs === undefined) bench.fullFrameMs = at;
      if (bench.sampling) bench.drawn.push(Number(window.__weft.lastFrameMs));
      lastFrames = n;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

export async function scriptZoomPan(page: Page): Promise<void> {
  const box = await page.getByTestId('panel-timeline').boundingBox();
  if (!box) throw new Error('the timeline panel is not on screen');
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.locator('.timeline-body').focus();
  for (const key of ['w', 'w', 'w', 'w', 'w', 'a', 'a', 'd', 'd', 'd', 's', 's'])
    for (let i = 0; i < 4; i++) await page.keyboard.press(key);
  for (let i = 0; i < 15; i++) await page.mouse.wheel(0, -120);
  await page.mouse.down();
  await page.mouse.move(x - box.width / 3, y, { steps: 20 });
  await page.mouse.move(x + box.width / 3, y, { steps: 20 });
  await page.mouse.up();
  for (let i = 0; i < 15; i++) await page.mouse.wheel(0, 120);
}

/** Types a span-name search letter by letter (each keystroke re-filters), steps, then clears it. */
export async function scriptSearch(page: Page): Promise<void> {
  const input = page.getByTestId('timeline-search');
  await input.click();
  await input.pressSequentially('sen', { delay: 50 });
  await input.press('Enter');
  await input.press('Enter');
  await input.fill('');
  await page.locator('.timeline-body').focus();
}

const twoFrames = () =>
  new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

/** What one screen of lanes shows of the busiest window, in normal and in compact rows. */
export interface BusyFigure {
  active: number;
  visible: number;
  visibleCompact: number;
  /** Most spans open at one instant there: no layout needs fewer rows. */
  peakOpen: number;
  /** What root-task groups and the next-group key give there (src/ui/timeline/bench-hooks.ts). */
  groups: GroupsFigure | null;
}

/** Calls a timeline hook of window.__weft (src/ui/timeline/TimelinePanel.tsx) in the page. */
const hook = (page: Page, call: string) => page.evaluate(`window.__weft.${call}`);

/** Spans one screen of lanes shows once the layout has followed the window (a worker, a debounce). */
async function settledVisible(page: Page): Promise<number> {
  await page.evaluate(twoFrames);
  await page.waitForTimeout(1000);
  await page.evaluate(twoFrames);
  return (await hook(page, 'visibleSpanCount()')) as number;
}

/** Zooms into the busiest window and counts what the first screen shows there, or null. */
export async function busyWindowFigure(page: Page): Promise<BusyFigure | null> {
  const active = (await hook(page, `showBusiestWindow?.(${BUSY_WINDOW_NS}) ?? null`)) as
    number | null;
  if (active === null) return null;
  const visible = await settledVisible(page);
  const peakOpen = (await hook(page, 'windowPeakOpen()')) as number;
  await hook(page, 'setCompactRows(true)');
  const visibleCompact = await settledVisible(page);
  await hook(page, 'setCompactRows(false)');
  const groups = (await hook(page, 'groupsFigure?.() ?? null')) as GroupsFigure | null;
  return { active, visible, visibleCompact, peakOpen, groups };
}
