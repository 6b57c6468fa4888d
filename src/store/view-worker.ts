// Entry of the view Web Worker: builds one process's span table, lane layout, span tree and self
// times, then its thread events (view-build.ts) off the main thread, which stays free to answer
// input while a big capture opens; posts each part back as soon as it is ready, with its buffers
// transferred. One message in, two out (or one error).
import type { SpanColumnsInput } from '../queries/span-table-columns';
import { postViewBuild, type ViewMessage } from './view-build';

interface ViewWorkerScope {
  onmessage: ((event: { data: SpanColumnsInput }) => void) | null;
  postMessage(message: ViewMessage, transfer?: ArrayBuffer[]): void;
}

const scope = globalThis as unknown as ViewWorkerScope;

scope.onmessage = (event) => {
  postViewBuild(event.data, (message, transfer) => scope.postMessage(message, transfer));
};
