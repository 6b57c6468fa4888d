// weft serve's query engine: DuckDB in a worker thread (analytics-thread.ts), so a query never
// blocks the server's event loop. Before each query the thread is told which capture files it
// has not read yet (the store is append-only: a cursor per process). Queries run one at a time;
// one that runs past `timeoutMs` ends with an error frame and the thread is replaced (it reloads
// the store on its next query), so no query can take the server down. Node only.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CaptureStore } from '../server/capture-store';
import type { QueryEngine } from '../server/local-analytics';
import { errorFrame } from '../remote/frame-writer';
import type { FromAnalytics, NewFile, QueryMessage } from './analytics-protocol';
import { startTsxThread } from './thread-port';

export interface EngineLimits {
  timeoutMs: number;
  maxRows: number;
  maxBytes: number;
}

export const DEFAULT_LIMITS: EngineLimits = {
  timeoutMs: 120_000,
  maxRows: 50_000_000,
  maxBytes: 1024 ** 3,
};

interface Listener {
  message(m: FromAnalytics): void;
  /** The thread died: the answer ends with this reason. */
  fail(reason: string): void;
}

export class AnalyticsEngine implements QueryEngine {
  private worker: Worker | null = null;
  private readonly cursors = new Map<string, number>();
  private readonly listeners = new Map<number, Listener>();
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: CaptureStore,
    private readonly log: (line: string) => void,
    private readonly limits: EngineLimits = DEFAULT_LIMITS,
  ) {}

  run(sql: string, bounds: { beginNs?: bigint; endNs?: bigint }, signal: AbortSignal) {
    const chunks = new ChunkQueue();
    const done = this.queue.then(() => this.execute(sql, bounds, signal, chunks));
    this.queue = done.catch(() => {});
    return chunks.iterate();
  }

  /**
   * Starts the thread and reads the store now: opening DuckDB and reading the store takes seconds
   * (~10 s on a busy 2-core machine), which the first page to ask would otherwise wait, and a
   * process that starts sending meanwhile would not show until then.
   */
  async warm(): Promise<void> {
    for await (const chunk of this.run('SELECT 1', {}, new AbortController().signal)) void chunk;
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = null;
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = startTsxThread(new URL('./analytics-thread.ts', import.meta.url).href);
    worker.on('message', (m: FromAnalytics) => {
      if (m.type === 'skipped') return this.log(`weft: analytics skipped ${m.path}: ${m.reason}`);
      this.listeners.get(m.id)?.message(m);
    });
    worker.on('error', (error) => this.log(`weft: analytics thread failed: ${error.message}`));
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = null;
      for (const listener of [...this.listeners.values()])
        listener.fail('the analytics thread stopped');
    });
    this.worker = worker;
    this.cursors.clear();
    return worker;
  }

  private newFiles(): NewFile[] {
    const files: NewFile[] = [];
    for (const { id } of this.store.list()) {
      const since = this.cursors.get(id) ?? 0;
      const stored = this.store.files(id, since) ?? [];
      for (const f of stored)
        files.push({ absPath: join(this.store.dataDir, id, f.path), path: `${id}/${f.path}` });
      this.cursors.set(id, since + stored.length);
    }
    return files;
  }

  private execute(
    sql: string,
    bounds: { beginNs?: bigint; endNs?: bigint },
    signal: AbortSignal,
    chunks: ChunkQueue,
  ): Promise<void> {
    const worker = this.thread();
    const id = this.nextId++;
    const query: QueryMessage = {
      type: 'query',
      id,
      files: this.newFiles(),
      sql,
      ...bounds,
      ...this.limits,
    };
    return new Promise<void>((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', cancel);
        this.listeners.delete(id);
        chunks.end();
        resolve();
      };
      const cancel = () => worker.postMessage({ type: 'cancel', id });
      const fail = (reason: string) => {
        chunks.push(errorFrame('INTERNAL', reason));
        finish();
      };
      const timer = setTimeout(() => {
        fail(`the query ran longer than ${this.limits.timeoutMs / 1000} s and was stopped`);
        void this.close(); // a new thread reloads the store on the next query
      }, this.limits.timeoutMs);
      signal.addEventListener('abort', cancel, { once: true });
      const message = (m: FromAnalytics) => (m.type === 'chunk' ? chunks.push(m.bytes) : finish());
      this.listeners.set(id, { message, fail });
      worker.postMessage(query);
    });
  }
}

/** Chunks handed from the thread's messages to the HTTP answer, in order. */
class ChunkQueue {
  private readonly items: Uint8Array[] = [];
  private closed = false;
  private wake: (() => void) | null = null;

  push(bytes: Uint8Array): void {
    this.items.push(bytes);
    this.wake?.();
  }

  end(): void {
    this.closed = true;
    this.wake?.();
  }

  async *iterate(): AsyncGenerator<Uint8Array> {
    for (;;) {
      while (this.items.length > 0) yield this.items.shift()!;
      if (this.closed) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
    }
  }
}
