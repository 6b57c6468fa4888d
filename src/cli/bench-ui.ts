// `weft bench ui [path...]`: the built viewer in headless Chromium (Debian's /usr/bin/chromium,
// driven by Playwright), served by the weft server. Per capture: time from the drop (the file
// input's change event) to the first timeline frame, then frame times during a scripted zoom and
// pan (the timeline's own `__weft.lastFrameMs` per drawn frame, and requestAnimationFrame
// intervals). Prints figures; asserts nothing. Needs `npm run build` first.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startServer, DEFAULT_DIST_DIR } from '../server/server';
import type { Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../e2e/chromium';
import type { Output } from './decode-command';
import { listInputPaths } from './files';

const DEFAULT_PATHS = ['fixtures/micromegas/medium', '../shared/fixtures/micromegas/large'];
const LOAD_TIMEOUT_MS = 600_000;

export interface UiFigures {
  files: number;
  dropToIdleMs: number;
  dropToFirstFrameMs: number | null;
  drawnFrames: number;
  frameP50Ms: number | null;
  frameP95Ms: number | null;
  rafP50Ms: number;
  rafP95Ms: number;
  /** The app's load steps (User Timing marks weft:…), ms after the drop. */
  steps: Record<string, number>;
}

export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * In-page probes, as source text (tsx would wrap named inner functions in a helper the page lacks):
 * the drop time (the file input's change event), the first timeline frame drawn once the view is
 * idle after it, and while `sampling`, each drawn frame's cost and each animation-frame interval.
 */
const PROBES = `(() => {
  const bench = { drawn: [], raf: [] };
  window.__bench = bench;
  const frames = () => Number((window.__weft && window.__weft.timelineFrames) || 0);
  document.addEventListener('change', () => {
    bench.dropMs = performance.now();
  }, true);
  let lastRaf = performance.now();
  let lastFrames = frames();
  const tick = (now) => {
    if (bench.sampling) bench.raf.push(now - lastRaf);
    lastRaf = now;
    const n = frames();
    if (n !== lastFrames) {
      const idle = window.__weft && window.__weft.state === 'idle';
      if (bench.dropMs !== undefined && bench.firstFrameMs === undefined && idle)
        bench.firstFrameMs = performance.now();
      if (bench.sampling) bench.drawn.push(Number(window.__weft.lastFrameMs));
      lastFrames = n;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

async function scriptZoomPan(page: Page): Promise<void> {
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

async function measureOne(page: Page, baseUrl: string, files: string[]): Promise<UiFigures> {
  await page.goto(`${baseUrl}/?process=none`);
  // Measure the load, not DuckDB's start-up (≈1 s, overlapped with the first fetches in use).
  await page.waitForFunction(
    "document.body.dataset.weftState !== 'loading' && window.__weft.dbReady",
  );
  await page.evaluate(PROBES);
  await page.getByTestId('file-input').setInputFiles(files);
  await page.waitForFunction("document.body.dataset.weftState === 'idle'", undefined, {
    timeout: LOAD_TIMEOUT_MS,
  });
  await page
    .waitForFunction('window.__bench.firstFrameMs !== undefined', undefined, {
      timeout: 10_000,
    })
    .catch(() => undefined);
  await page.evaluate(
    () => ((window as unknown as { __bench: { sampling: boolean } }).__bench.sampling = true),
  );
  await scriptZoomPan(page);
  await page.evaluate(() => new Promise((r) => setTimeout(r, 500)));
  const probe = await page.evaluate(() => {
    const w = window as unknown as {
      __bench: Record<string, unknown>;
      __weft: Record<string, number>;
    };
    const marks = Object.fromEntries(
      performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]),
    );
    return { ...w.__bench, loadEndMs: w.__weft.loadEndMs, marks } as Record<string, unknown>;
  });
  return figures(files.length, probe);
}

function figures(files: number, probe: Record<string, unknown>): UiFigures {
  const dropMs = probe.dropMs as number;
  const drawn = (probe.drawn as number[]).filter((v) => Number.isFinite(v));
  const raf = probe.raf as number[];
  return {
    files,
    dropToIdleMs: (probe.loadEndMs as number) - dropMs,
    dropToFirstFrameMs:
      probe.firstFrameMs === undefined ? null : (probe.firstFrameMs as number) - dropMs,
    drawnFrames: drawn.length,
    frameP50Ms: percentile(drawn, 50),
    frameP95Ms: percentile(drawn, 95),
    rafP50Ms: percentile(raf, 50) ?? 0,
    rafP95Ms: percentile(raf, 95) ?? 0,
    steps: Object.fromEntries(
      Object.entries(probe.marks as Record<string, number>)
        .filter(([, at]) => at >= dropMs)
        .map(([name, at]) => [name.replace(/^weft:/, ''), at - dropMs]),
    ),
  };
}

const ms = (v: number | null) => (v === null ? 'n/a' : `${v.toFixed(1)} ms`);

function report(path: string, f: UiFigures): string {
  return [
    `capture: ${path} (${f.files} files)`,
    `  steps after the drop: ${Object.entries(f.steps)
      .map(([name, at]) => `${name} ${ms(at)}`)
      .join(', ')}`,
    `  drop → view ready (idle): ${ms(f.dropToIdleMs)}`,
    `  drop → first timeline frame: ${ms(f.dropToFirstFrameMs)}`,
    `  zoom/pan: ${f.drawnFrames} timeline frames, draw p50 ${ms(f.frameP50Ms)}, p95 ${ms(f.frameP95Ms)}`,
    `  requestAnimationFrame interval p50 ${ms(f.rafP50Ms)}, p95 ${ms(f.rafP95Ms)}`,
    '',
  ].join('\n');
}

export async function benchUi(args: string[], out: Output): Promise<number> {
  if (!existsSync(join(DEFAULT_DIST_DIR, 'index.html'))) {
    out.error('weft bench ui: no built viewer in dist/: run `npm run build` first');
    return 2;
  }
  const paths = (args.length > 0 ? args : DEFAULT_PATHS).filter((p) => existsSync(p));
  const { chromium } = await import('@playwright/test');
  const dataDir = mkdtempSync(join(tmpdir(), 'weft-bench-ui-'));
  const server = await startServer({ port: 0, dataDir, log: () => {} });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS],
  });
  try {
    for (const path of paths) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const started = performance.now();
      const result = await measureOne(page, server.url, listInputPaths([resolve(path)]));
      await out.write(
        report(path, result) +
          `  (run took ${((performance.now() - started) / 1e3).toFixed(1)} s)\n`,
      );
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return 0;
}
