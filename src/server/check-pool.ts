// Checks ingestion bodies off the event loop: one child process (check-thread.ts) decodes each
// body's envelope, with a heap limit and a time limit per body. A body that exhausts the child's
// heap or takes longer than the limit is refused (the child is replaced), never the server's own
// memory or loop. A process, not a worker thread: V8 may abort the whole process when a thread's
// isolate hits its heap limit in one large allocation (it did in CI, taking the test runner with
// it), and a separate process is the one boundary such an abort cannot cross. Bodies are checked
// one at a time, in arrival order. Node only.
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
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

/** tsx's loader, for `node --import` (import.meta.resolve is missing under vitest's Vite). */
function tsxLoaderUrl(): string {
  if (typeof import.meta.resolve === 'function') return import.meta.resolve('tsx');
  return new URL(`file://${createRequire(import.meta.url).resolve('tsx')}`).href;
}

function startChild(heapMb: number): ChildProcess {
  const entry = fileURLToPath(new URL('./check-thread.ts', import.meta.url));
  const child = fork(entry, [], {
    execArgv: ['--import', tsxLoaderUrl(), `--max-old-space-size=${heapMb}`],
    serialization: 'advanced', // Uint8Array bodies cross as bytes
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'], // V8's out-of-memory report is not the server's
  });
  child.unref();
  child.channel?.unref();
  return child;
}

interface Pending {
  resolve: (reply: CheckReply) => void;
  timer: NodeJS.Timeout;
}

export class CheckPool {
  private worker: ChildProcess | undefined;
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
      worker.send({ id, kind, bytes, source });
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    worker?.kill();
  }

  private thread(): ChildProcess {
    if (this.worker) return this.worker;
    const worker = startChild(this.limits.heapMb);
    worker.on('message', ({ id, reply }: { id: number; reply: CheckReply }) => {
      const pending = this.pending.get(id);
      if (!pending) return;
      clearTimeout(pending.timer);
      this.pending.delete(id);
      pending.resolve(reply);
    });
    worker.on('error', (error) => this.fail(`decoding the body failed: ${error.message}`));
    worker.on('exit', (code, signal) => {
      if (this.worker !== worker) return;
      const how = signal ?? `exit code ${code}`;
      this.fail(`the decoding process stopped (${how}): it reached its memory limit or crashed`);
    });
    this.worker = worker;
    return worker;
  }

  /** Refuses the body being checked and replaces the thread. */
  private fail(reason: string): void {
    const worker = this.worker;
    this.worker = undefined;
    worker?.kill();
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      this.pending.delete(id);
      pending.resolve({ ok: false, reason });
    }
  }
}
