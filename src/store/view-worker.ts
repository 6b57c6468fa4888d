// Entry of the view Web Worker: builds one process's span table, lane layout, span tree and self
// times, then its thread events (view-build.ts) off the main thread, which stays free to answer
// input while a big capture opens; posts each part back as soon as it is ready, with its buffers
// transferred. One build in, two messages out (or one error); before it, maybe warm-ups (a
// made-up process, the bundled sample's: built and dropped), which answer nothing.
import { handleViewRequest, type ViewMessage, type ViewRequest } from './view-build';

interface ViewWorkerScope {
  onmessage: ((event: { data: ViewRequest }) => void) | null;
  postMessage(message: ViewMessage, transfer?: ArrayBuffer[]): void;
}

const scope = globalThis as unknown as ViewWorkerScope;

scope.onmessage = ({ data }) =>
  handleViewRequest(data, (message, transfer) => scope.postMessage(message, transfer));
