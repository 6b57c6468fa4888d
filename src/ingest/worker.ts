// Entry of a decode Web Worker: hands each message to the worker core and posts its reply with
// the reply's byte buffers transferred. Compiles without DOM types: the worker scope is typed here
// with the two members it uses (checked by src/ingest/tsconfig.worker.json).
import { transferablesOf, type FromWorker, type ToWorker } from './protocol';
import { WorkerCore } from './worker-core';

interface DecodeWorkerScope {
  onmessage: ((event: { data: ToWorker }) => void) | null;
  postMessage(message: FromWorker, transfer: ArrayBuffer[]): void;
}

const scope = globalThis as unknown as DecodeWorkerScope;
const core = new WorkerCore();

scope.onmessage = (event) => {
  const reply = core.handle(event.data);
  if (reply) scope.postMessage(reply, transferablesOf(reply));
};
