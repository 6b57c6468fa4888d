// Entry of the rows Web Worker: gathers merged blocks' events and builds their weft_events Arrow
// IPC, and the weft_spans IPC of span rows it is sent, off the main thread (rows-builder.ts says
// why), posting each back with its buffer transferred.
// Compiles without DOM types (src/ingest/tsconfig.worker.json).
import { RowsCore, type RowsReply, type RowsRequest } from './rows-builder';

interface RowsWorkerScope {
  onmessage: ((event: { data: RowsRequest }) => void) | null;
  postMessage(message: RowsReply, transfer: ArrayBuffer[]): void;
}

const scope = globalThis as unknown as RowsWorkerScope;
const core = new RowsCore();

scope.onmessage = ({ data }) => {
  const reply = core.handle(data);
  if (reply)
    scope.postMessage(reply, 'rows' in reply ? [reply.rows.ipc.buffer as ArrayBuffer] : []);
};
