// Checks ingestion bodies off the event loop: one worker_threads thread (check-thread.ts) decodes
// each body's envelope, with a heap limit and a time limit per body. A body that exhausts the
// thread's heap or takes longer than the limit is refused (the thread is replaced), never the
// server's own memory or loop. Bodies are checked one at a time, in arrival order. Node only.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CaptureFileKind } from './ids';
import type { FileFacts } from './process-index';

export type CheckReply =
  { ok: true; processId: string; path: string; facts: FileFacts } | { ok: false; reason: string };

export interface CheckLimits {
  /** The thread's old-generation heap, MiB. */
  heapMb: number;
  /** Time one body's check may take. */
  timeoutMs: number;
}

export const DEFAULT_CHECK_LIMITS: CheckLimits = { heapMb: 1024, timeoutMs: 60_000 };

/** tsx's ESM API, as src/cli/thread-port.ts finds it (the server runs TypeScript through tsx). */
function tsxApiUrl(): string {
  if (typeof import.meta.resolve === 'function') return import.meta.resolve('tsx/esm/api');
  const cjs = createRequire(import.meta.url).resolve('tsx/esm/api');
  return pathToFileURL(cjs.replace(/\.cjs$/, '.mjs')).href;
}

function startThread(heapMb: number): Worker {
  const entry = new URL('./check-thread.ts', import.meta.url).href;
  const code = `import(${JSON.stringify(tsxApiUrl())})
    .then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })
    .catch((error) => { setImmediate(() => { throw error; }); });`;
  const worker = new Worker(code, {
    eval: true,
    resourceLimits: { maxOldGenerationSizeMb: heapMb },
  });
  worker.unref();
  return worker;
}

interface Pending {
  resolve: (reply: CheckReply) => void;
  timer: NodeJS.Timeout;
}

export class CheckPool {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  /** Bodies are checked one at a time, so a failure refuses only the body at fault. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly limits: CheckLimits = DEFAULT_CHECK_LIMITS) {}

  /** Where a body of the given kind goes and its facts, or why it is refused. */
  check(kind: CaptureFileKind, bytes: Uint8Array, source: string): Promise<CheckReply> {
    const result = this.queue.then(() => this.run(kind, bytes, source));
    this.queue = result;
    return result;
  }

  private run(kind: CaptureFileKind, bytes: Uint8Array, source: string): Promise<CheckReply> {
    const id = this.nextId++;
    const worker = this.thread();
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => this.fail(`${source}: decoding took longer than ${this.limits.timeoutMs} ms`),
        this.limits.timeoutMs,
      );
      this.pending.set(id, { resolve, timer });
      worker.postMessage({ id, kind, bytes, source });
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = startThread(this.limits.heapMb);
    worker.on('message', ({ id, reply }: { id: number; reply: CheckReply }) => {
      const pending = this.pending.get(id);
      if (!pending) return;
      clearTimeout(pending.timer);
      this.pending.delete(id);
      pending.resolve(reply);
    });
    worker.on('error', (error) => this.fail(`decoding the body failed: ${error.message}`));
    worker.on('exit', () => this.worker === worker && this.fail('the decoding thread stopped'));
    this.worker = worker;
    return worker;
  }

  /** Refuses the body being checked and replaces the thread. */
  private fail(reason: string): void {
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      this.pending.delete(id);
      pending.resolve({ ok: false, reason });
    }
  }
}
