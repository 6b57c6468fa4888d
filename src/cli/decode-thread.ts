// Entry of a Node worker_threads decode worker (the CLI's pool): the same worker core as the
// browser's Web Workers, replies posted with their byte buffers transferred. Node only.
import { parentPort } from 'node:worker_threads';
import { transferablesOf, type ToWorker } from '../ingest/protocol';
import { WorkerCore } from '../ingest/worker-core';

const port = parentPort!;
const core = new WorkerCore();

port.on('message', (message: ToWorker) => {
  const reply = core.handle(message);
  if (reply) port.postMessage(reply, transferablesOf(reply));
});
