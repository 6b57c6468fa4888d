// Entry of the view Web Worker: builds one process's span table, lane layout and thread events
// (view-build.ts) off the main thread, which stays free to answer input while a big capture
// opens; posts them back with their buffers transferred. One message in, one out.
import type { SpanColumnsInput } from '../queries/span-table-columns';
import { buffersOf, buildView, type BuiltView } from './view-build';

interface ViewWorkerScope {
  onmessage: ((event: { data: SpanColumnsInput }) => void) | null;
  postMessage(message: BuiltView | { error: string }, transfer?: ArrayBuffer[]): void;
}

const scope = globalThis as unknown as ViewWorkerScope;

scope.onmessage = (event) => {
  try {
    const view = buildView(event.data);
    scope.postMessage(view, buffersOf(view));
  } catch (error) {
    scope.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
};
