// Entry of the rows Web Worker: builds the weft_events Arrow IPC of merged blocks off the main
// thread (event-rows.ts says why) and posts it back with its buffer transferred. Compiles without
// DOM types (src/ingest/tsconfig.worker.json).
import { answerEventRows, type EventRowsReply, type EventRowsRequest } from './event-rows';

interface RowsWorkerScope {
  onmessage: ((event: { data: EventRowsRequest }) => void) | null;
  postMessage(message: EventRowsReply, transfer: ArrayBuffer[]): void;
}

const scope = globalThis as unknown as RowsWorkerScope;

scope.onmessage = ({ data }) => {
  const reply = answerEventRows(data);
  scope.postMessage(reply, 'rows' in reply ? [reply.rows.ipc.buffer as ArrayBuffer] : []);
};
