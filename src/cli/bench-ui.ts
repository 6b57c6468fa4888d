// `weft bench ui [path...]`: the built viewer in headless Chromium (Debian's /usr/bin/chromium,
// driven by Playwright), served by the weft server. Per capture, in one run: the decoder alone on
// one thread (in this Node process: the same V8 and the same code as the decode workers); time
// from the drop (the file input's change event) to the first timeline frame showing spans; frame
// times during a scripted zoom, pan and search (the timeline's own `__weft.lastFrameMs` per drawn
// frame, and requestAnimationFrame intervals); the longest main-thread task from the drop to the
// end of the script (long-task entries); renderer memory growth per event (bench-ui-memory.ts);
// and how many of the spans active in the busiest 0.3 ms one screen of lanes shows.
// Prints figures; asserts nothing. Needs `npm run build` first.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startServer, DEFAULT_DIST_DIR } from '../server/server';
import type { Browser, Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../e2e/chromium';
import {
  busyWindowFigure,
  PROBES,
  scriptSearch,
  scriptZoomPan,
  type BusyFigure,
  type GroupsFigure,
} from './bench-ui-page';
import { RendererMemory } from './bench-ui-memory';
import { decodeAlone } from './decode-alone';
import type { Output } from './decode-command';
import { listInputPaths, readInput } from './files';

const DEFAULT_PATHS = ['fixtures/micromegas/medium', '../shared/fixtures/micromegas/large'];
const LOAD_TIMEOUT_MS = 600_000;

export interface UiFigures {
  files: number;
  dropToIdleMs: number;
  dropToFirstFrameMs: number | null;
  /** The first frame after the full first view (weft:first-view), when the first was a preview. */
  dropToFullFrameMs: number | null;
  drawnFrames: number;
  frameP50Ms: number | null;
  frameP95Ms: number | null;
  rafP50Ms: number;
  rafP95Ms: number;
  /** The app's load steps (User Timing marks weft:…), ms after the drop. */
  steps: [string, number][];
  /**
   * Longest main-thread task from the drop to the end of the search script (the busy-window probe
   * after it runs the bench's own O(n log n) counting on the page: not the app's); during the load
   * alone.
   */
  longestTaskMs: number;
  longestLoadTaskMs: number;
  /** The longest tasks (ms after the drop, duration), longest first: where to look next. */
  topTasks: [number, number][];
  /** Longest task while a search is typed, stepped and cleared (and 1 s after). */
  longestSearchTaskMs: number;
  events: number;
  memoryGrowthBytes: number | null;
  memoryPeakGrowthBytes: number | null;
  /** Growth read at once when the load went idle (after a GC of the page), before settling. */
  memoryIdleGrowthBytes: number | null;
  /** What the first screen shows of the busiest window. */
  busy: BusyFigure | null;
}

export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function loadAndMeasure(page: Page, memory: RendererMemory, files: string[]) {
  await page.evaluate(PROBES);
  const before = await memory.settledBytes();
  memory.startSampling();
  await page.getByTestId('file-input').setInputFiles(files);
  await page.waitForFunction("document.body.dataset.weftState === 'idle'", undefined, {
    timeout: LOAD_TIMEOUT_MS,
  });
  const peak = memory.stopSampling();
  await page
    .waitForFunction('window.__bench.firstFrameMs !== undefined', undefined, {
      timeout: 10_000,
    })
    .catch(() => undefined);
  const atIdle = await memory.collectedBytes();
  const after = await memory.settledBytes();
  return {
    growth: before === null || after === null ? null : after - before,
    idleGrowth: before === null || atIdle === null ? null : atIdle - before,
    peakGrowth: before === null || peak === 0 ? null : peak - before,
  };
}

async function measureOne(browser: Browser, page: Page, baseUrl: string, files: string[]) {
  await page.goto(`${baseUrl}/?process=none`);
  // Measure the load, not DuckDB's start-up (≈1 s, overlapped with the first fetches in use).
  await page.waitForFunction(
    "document.body.dataset.weftState !== 'loading' && window.__weft.dbReady",
  );
  const memory = new RendererMemory(browser, page);
  const { growth, idleGrowth, peakGrowth } = await loadAndMeasure(page, memory, files);
  await page.evaluate(
    () => ((window as unknown as { __bench: { sampling: boolean } }).__bench.sampling = true),
  );
  await scriptZoomPan(page);
  const now = () => page.evaluate(() => performance.now());
  const searchFromMs = await now();
  await scriptSearch(page);
  await page.waitForTimeout(1000); // the deferred renders that follow the last keystroke
  const searchToMs = await now();
  const busy = await busyWindowFigure(page); // after searchToMs: its tasks are not counted
  await page.evaluate(() => new Promise((r) => setTimeout(r, 500)));
  const probe = await page.evaluate(() => {
    const w = window as unknown as {
      __bench: Record<string, unknown>;
      __weft: Record<string, unknown>;
    };
    // every mark after the drop, in time order (a step may repeat: previews)
    const marks = performance
      .getEntriesByType('mark')
      .filter((m) => m.startTime >= (w.__bench.dropMs as number))
      .map((m) => [m.name, m.startTime]);
    const { loadEndMs, counts } = w.__weft;
    return { ...w.__bench, loadEndMs, events: (counts as { events: number }).events, marks };
  });
  const search = [searchFromMs, searchToMs];
  return figures(files.length, { ...probe, growth, idleGrowth, peakGrowth, busy, search });
}

function figures(files: number, probe: Record<string, unknown>): UiFigures {
  const dropMs = probe.dropMs as number;
  const drawn = (probe.drawn as number[]).filter((v) => Number.isFinite(v));
  const raf = probe.raf as number[];
  const loadEndMs = probe.loadEndMs as number;
  const [searchFrom, searchTo] = probe.search as [number, number];
  const tasks = (probe.longTasks as [number, number][]).filter(
    ([at]) => at >= dropMs && at < searchTo,
  );
  const longest = (list: [number, number][]) => Math.max(0, ...list.map(([, d]) => d));
  return {
    files,
    dropToIdleMs: loadEndMs - dropMs,
    dropToFirstFrameMs:
      probe.firstFrameMs === undefined ? null : (probe.firstFrameMs as number) - dropMs,
    dropToFullFrameMs:
      probe.fullFrameMs === undefined ? null : (probe.fullFrameMs as number) - dropMs,
    drawnFrames: drawn.length,
    frameP50Ms: percentile(drawn, 50),
    frameP95Ms: percentile(drawn, 95),
    rafP50Ms: percentile(raf, 50) ?? 0,
    rafP95Ms: percentile(raf, 95) ?? 0,
    steps: (probe.marks as [string, number][]).map(([name, at]) => [
      name.replace(/^weft:/, ''),
      at - dropMs,
    ]),
    longestTaskMs: longest(tasks),
    topTasks: [...tasks]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([at, d]) => [at - dropMs, d]),
    longestLoadTaskMs: longest(tasks.filter(([at]) => at < loadEndMs)),
    longestSearchTaskMs: longest(tasks.filter(([at]) => at >= searchFrom && at < searchTo)),
    events: probe.events as number,
    memoryGrowthBytes: probe.growth as number | null,
    memoryPeakGrowthBytes: probe.peakGrowth as number | null,
    memoryIdleGrowthBytes: probe.idleGrowth as number | null,
    busy: probe.busy as BusyFigure | null,
  };
}

const ms = (v: number | null) => (v === null ? 'n/a' : `${v.toFixed(1)} ms`);

/** The longest tasks, each with when it began and the last load step before it. */
function taskList(f: UiFigures): string {
  if (f.topTasks.length === 0) return 'none over 50 ms';
  const stepBefore = (atMs: number) =>
    f.steps.filter(([, stepMs]) => stepMs <= atMs).pop()?.[0] ?? 'drop';
  return f.topTasks
    .map(([at, d]) => `${d.toFixed(0)} ms at ${at.toFixed(0)} ms (after ${stepBefore(at)})`)
    .join(', ');
}

const perEvent = (bytes: number | null, events: number) =>
  bytes === null ? 'n/a' : `${Math.round(bytes / Math.max(1, events))}`;

function report(path: string, f: UiFigures, decode: DecodePasses): string {
  const first = f.dropToFirstFrameMs;
  const decodeMs = decode.ms;
  const mb = (b: number | null) => (b === null ? 'n/a' : `${(b / 1e6).toFixed(0)} MB`);
  return [
    `capture: ${path} (${f.files} files)`,
    `  steps after the drop: ${f.steps.map(([name, at]) => `${name} ${ms(at)}`).join(', ')}`,
    `  drop → view ready (idle): ${ms(f.dropToIdleMs)}`,
    `  drop → first timeline frame: ${ms(f.dropToFirstFrameMs)}`,
    `  (of a preview when steps list preview-view; drop → frame of the full first view: ${ms(f.dropToFullFrameMs)})`,
    `  zoom/pan: ${f.drawnFrames} timeline frames, draw p50 ${ms(f.frameP50Ms)}, p95 ${ms(f.frameP95Ms)}`,
    `  requestAnimationFrame interval p50 ${ms(f.rafP50Ms)}, p95 ${ms(f.rafP95Ms)}`,
    `decode alone, one thread: ${decodeMs.toFixed(0)} ms`,
    `  (median of ${decode.passesMs.length} warm passes in this process: ${decode.passesMs.map((v) => v.toFixed(0)).join(', ')} ms)`,
    `ratio first frame / decode alone: ${first === null ? 'n/a' : (first / decodeMs).toFixed(2)}`,
    `longest main-thread task: ${f.longestTaskMs.toFixed(0)} ms`,
    `  (drop to the end of the search script; during the load ${ms(f.longestLoadTaskMs)}, during the search ${ms(f.longestSearchTaskMs)}; long tasks are those over 50 ms)`,
    `  (longest tasks: ${taskList(f)})`,
    `renderer memory: ${perEvent(f.memoryGrowthBytes, f.events)} B per event`,
    `  (renderer RssAnon growth after a memory pressure signal and GC of the page and its workers, settled ${mb(f.memoryGrowthBytes)}; at idle after GC of the page alone ${mb(f.memoryIdleGrowthBytes)} = ${perEvent(f.memoryIdleGrowthBytes, f.events)} B per event; peak during the load ${mb(f.memoryPeakGrowthBytes)} = ${perEvent(f.memoryPeakGrowthBytes, f.events)} B per event; ${f.events} events)`,
    ...busyLines(f.busy),
    '',
  ].join('\n');
}

function busyLines(b: BusyFigure | null): string[] {
  if (!b) return ['busy window: n/a of n/a active spans visible on the first screen'];
  return [
    `busy window: ${b.visible} of ${b.active} active spans visible on the first screen`,
    `  (compact rows (C): ${b.visibleCompact} of ${b.active}; ${b.peakOpen} spans are open at one instant there, so no layout fits them in fewer rows)`,
    ...groupLines(b.groups),
  ];
}

/** Root-task groups (G) and the next-group key (]) in the busy window. */
function groupLines(g: GroupsFigure | null): string[] {
  if (!g) return ['busy window, root-task groups: n/a'];
  const presses = (n: number) => (n < 0 ? 'never' : `${n}`);
  return [
    `busy window, root-task groups: all collapsed, the first screen lists ${g.listed} of the ${g.roots} root tasks active there (compact rows: ${g.listedCompact}); each collapsed root shows how many spans it hides`,
    `busy window, next group (]): the lowest of those root tasks is on screen after ${presses(g.nextPresses)} presses (PgDn: ${presses(g.pageDownPresses)}); all collapsed: ${presses(g.nextPressesCollapsed)} (PgDn: ${presses(g.pageDownPressesCollapsed)})`,
  ];
}

/** Warm passes of the decoder alone whose median is the yardstick (one pass varied 0.8–1.6 s on large). */
const DECODE_PASSES = 3;

/** The decoder alone over the capture's files on this thread: one warm-up pass, then timed passes. */
function timeDecodeAlone(files: string[]): DecodePasses {
  const inputs = files.map(readInput);
  decodeAlone(inputs);
  const passesMs = Array.from({ length: DECODE_PASSES }, () => decodeAlone(inputs).ms);
  return { ms: percentile(passesMs, 50)!, passesMs };
}

interface DecodePasses {
  /** The median pass. */
  ms: number;
  passesMs: number[];
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
    // gc() in the workers: the memory figure is read after collecting every heap's garbage
    args: [...CHROMIUM_ARGS, '--js-flags=--expose-gc'],
  });
  try {
    for (const path of paths) {
      const files = listInputPaths([resolve(path)]);
      const decode = timeDecodeAlone(files);
      // the probes are evaluated as source text, which the viewer's CSP (rightly) forbids to pages
      const page = await browser.newPage({
        viewport: { width: 1400, height: 900 },
        bypassCSP: true,
      });
      const started = performance.now();
      const result = await measureOne(browser, page, server.url, files);
      await out.write(
        report(path, result, decode) +
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
