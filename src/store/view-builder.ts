// Builds a process's view (span table, lane layout, thread events) in a fresh Web Worker, so the
// main thread only copies ingest's columns out (one memcpy per column) and takes the results
// back (transferred, not copied); the worker ends after one build, returning its memory (the next
// one is started at once, so it is ready when the next build comes). Without
// Worker (Node, tests) it builds on this thread. The layout and events are remembered for the
// table (src/model/view-cache.ts). No React.
import type { SpanTable } from '../model/span-table';
import { rememberViewParts } from '../model/view-cache';
import type { SpanColumnsInput } from '../queries/span-table-columns';
import { buffersOf, buildView, detachedInput, type BuiltView } from './view-build';

const spawn = () => new Worker(new URL('./view-worker.ts', import.meta.url), { type: 'module' });

/**
 * A worker started ahead of the next build, so its module is loaded and compiled by the time a
 * load needs it (one per page: it holds no data until a build is posted to it).
 */
let spare: Worker | null = null;

/** Starts the spare worker (the app calls it at startup, while the page waits for input). */
export function prepareViewWorker(): void {
  if (typeof Worker !== 'undefined') spare ??= spawn();
}

function inWorker(input: SpanColumnsInput): Promise<BuiltView> {
  const worker = spare ?? spawn();
  spare = spawn();
  const detached = detachedInput(input);
  return new Promise<BuiltView>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<BuiltView | { error: string }>) => {
      worker.terminate();
      if ('error' in event.data) reject(new Error(event.data.error));
      else resolve(event.data);
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(`view worker failed: ${event.message}`));
    };
    worker.postMessage(detached, buffersOf(detached.spans));
  });
}

/** The span table of `input`, its layout and thread events remembered with it. */
export async function buildSpanTable(input: SpanColumnsInput): Promise<SpanTable> {
  const view = typeof Worker === 'undefined' ? buildView(input) : await inWorker(input);
  const { table, ...parts } = view;
  rememberViewParts(table, parts);
  return table;
}
