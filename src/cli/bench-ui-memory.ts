// `weft bench ui`'s memory figure: the private memory of the browser's renderer processes, read
// from Linux's /proc/<pid>/status (RssAnon: anonymous resident pages: the JS heaps of the page and
// of its workers, WebAssembly memories such as DuckDB's, array buffers, Blink's own allocations;
// not shared libraries or file-backed pages). Renderer ids come from the DevTools protocol
// (SystemInfo.getProcessInfo). Before each settled reading the browser gets a critical memory
// pressure signal (Memory.simulatePressureNotification) and the JS heaps of the page and its
// workers are garbage-collected, and the figure is read once it stops falling, so it is what the
// app holds, not garbage awaiting collection nor memory the allocators keep for reuse. Without
// the signal, runs of one build differed by ~140 MB (large: 454–473 MB, or 596): pages counted
// in no allocator's dump (Chromium memory-infra), given back under pressure: most likely the
// free pages V8 pools after its collections. With it: 450–464 MB. Linux only (else null).
import { readFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';

interface ProcessInfo {
  type: string;
  id: number;
}

function rssAnonBytes(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^RssAnon:\s+(\d+) kB/m.exec(status);
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null; // not Linux, or the process is gone
  }
}

/**
 * Time between two readings of the peak: large's lasts a few hundred ms (the first view's table
 * arrives beside the load's queued rows). Every 250 ms read 2-7% below every 100 ms on average,
 * up to 11% at the worst phase (7 loads of large sampled every 100 ms, resampled).
 */
const SAMPLE_MS = 100;

/** Time between two readings of settledBytes, and readings at most. */
const SETTLE_MS = 2000;
const SETTLE_READS = 8;

export class RendererMemory {
  private peakBytes = 0;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly browser: Browser,
    private readonly page: Page,
  ) {}

  /** Sum of RssAnon over the renderer processes, or null where /proc cannot be read. */
  async bytes(): Promise<number | null> {
    const session = await this.browser.newBrowserCDPSession();
    try {
      const { processInfo } = (await session.send('SystemInfo.getProcessInfo')) as {
        processInfo: ProcessInfo[];
      };
      const sizes = processInfo.filter((p) => p.type === 'renderer').map((p) => rssAnonBytes(p.id));
      if (sizes.length === 0 || sizes.some((s) => s === null)) return null;
      return sizes.reduce((a: number, b) => a + b!, 0);
    } finally {
      await session.detach();
    }
  }

  /**
   * Collects the page's garbage (and with `workers`, each of its workers' through the gc()
   * that --expose-gc gives them: decode workers keep their blocks' garbage until their heap
   * fills; and with `pressure`, after a critical memory pressure signal, which makes V8 and
   * PartitionAlloc give their free pages back), then reads.
   */
  async collectedBytes(workers = false, pressure = false): Promise<number | null> {
    const session = await this.page.context().newCDPSession(this.page);
    try {
      if (pressure)
        await session.send('Memory.simulatePressureNotification', { level: 'critical' });
      await session.send('HeapProfiler.collectGarbage');
    } finally {
      await session.detach();
    }
    if (workers)
      for (const worker of this.page.workers())
        await worker.evaluate('globalThis.gc && globalThis.gc()').catch(() => undefined);
    return this.bytes();
  }

  /**
   * Signals memory pressure, collects the garbage of the page and its workers and reads, again
   * every SETTLE_MS while the figure still falls by more than 1% (freed pages go back to the
   * system a little later, and workers collect their own garbage on their own; after 1 s large
   * still lost up to 26 MB more), at most SETTLE_READS times: what stays held, not what awaits
   * release.
   */
  async settledBytes(): Promise<number | null> {
    let last = await this.collectedBytes(true, true);
    for (let read = 1; read < SETTLE_READS && last !== null; read++) {
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      const next = await this.collectedBytes(true, true);
      if (next === null || next > last * 0.99) return Math.min(last, next ?? last);
      last = next;
    }
    return last;
  }

  /**
   * Samples every SAMPLE_MS until `stopSampling`, which returns the largest reading. Reading costs
   * the page nothing (the process list comes from the browser process, sizes from /proc).
   */
  startSampling(): void {
    this.timer = setInterval(() => {
      void this.bytes()
        .then((b) => (this.peakBytes = Math.max(this.peakBytes, b ?? 0)))
        .catch(() => {});
    }, SAMPLE_MS);
  }

  stopSampling(): number {
    clearInterval(this.timer);
    return this.peakBytes;
  }
}
