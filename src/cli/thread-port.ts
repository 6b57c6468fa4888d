// A Node worker_threads worker as an ingest scheduler port, for the CLI's decode pool. The thread
// runs src/cli/decode-thread.ts through tsx's loader (the CLI itself runs TypeScript through tsx).
// Node only.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkerPort } from '../ingest/ports';
import { transferablesOf, type FromWorker } from '../ingest/protocol';

/** tsx's ESM API (import.meta.resolve is missing where Vite runs the module, as under vitest). */
function tsxApiUrl(): string {
  if (typeof import.meta.resolve === 'function') return import.meta.resolve('tsx/esm/api');
  const cjs = createRequire(import.meta.url).resolve('tsx/esm/api');
  return pathToFileURL(cjs.replace(/\.cjs$/, '.mjs')).href;
}

/** Starts a thread that registers tsx's loader, then imports the TypeScript entry (a URL). */
export function startTsxThread(entry: string): Worker {
  const tsx = tsxApiUrl();
  const code = `import(${JSON.stringify(tsx)})
    .then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })
    .catch((error) => { setImmediate(() => { throw error; }); });`;
  return new Worker(code, { eval: true });
}

export function threadPort(): WorkerPort {
  const worker = startTsxThread(new URL('./decode-thread.ts', import.meta.url).href);
  const pending = new Set<number>();
  let handler: (reply: FromWorker) => void = () => {};
  let failure: string | undefined;
  const crash = (taskId: number) => handler({ type: 'crash', taskId, message: failure! });
  worker.on('message', (reply: FromWorker) => {
    pending.delete(reply.taskId);
    handler(reply);
  });
  worker.on('error', (error) => {
    failure = `decode thread failed: ${error.message}`;
    for (const taskId of pending) crash(taskId);
    pending.clear();
  });
  return {
    post(message) {
      if (message.type !== 'task') return void worker.postMessage(message);
      if (failure) return queueMicrotask(() => crash(message.taskId));
      pending.add(message.taskId);
      worker.postMessage(message, transferablesOf(message));
    },
    onReply: (h) => (handler = h),
    terminate: () => void worker.terminate(),
  };
}
