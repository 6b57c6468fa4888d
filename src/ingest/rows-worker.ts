// Entry of the rows Web Worker: gathers merged blocks' events and builds their weft_events Arrow
// IPC off the main thread (event-rows.ts says why), posting it back with its buffer transferred.
// Compiles without DOM types (src/ingest/tsconfig.worker.json).
import { EventRowsCore, type EventRowsReply, type EventRowsRequest } from './event-rows';

interface RowsWorkerScope {
  onmessage: ((event: { data: EventRowsRequest }) => void) | null;
  postMessage(message: EventRowsReply, transfer: ArrayBuffer[]): void;
}

const scope = globalThis as unknown as RowsWorkerScope;
const core = new EventRowsCore();

scope.onmessage = ({ data }) => {
  const reply = core.handle(data);
  if (reply)
    scope.postMessage(reply, 'rows' in reply ? [reply.rows.ipc.buffer as ArrayBuffer] : []);
};
