// The decode workers as one pool: a task goes to the worker with the fewest unanswered tasks,
// metadata goes to all of them, and replies come back through one handler. No DOM, no Node APIs.
import type { WorkerPort } from './ports';
import type { FromWorker, ToWorker } from './protocol';

/** Bytes that own their whole buffer, so transferring the buffer moves nothing else. */
function ownBuffer(bytes: Uint8Array): Uint8Array {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return whole ? bytes : bytes.slice();
}

export class WorkerPool {
  private readonly load: number[];
  private readonly portOf = new Map<number, number>();

  constructor(
    private readonly ports: WorkerPort[],
    onReply: (reply: FromWorker) => void,
  ) {
    if (ports.length === 0) throw new Error('a worker pool needs at least one worker');
    this.load = ports.map(() => 0);
    ports.forEach((port) =>
      port.onReply((reply) => {
        const index = this.portOf.get(reply.taskId);
        this.portOf.delete(reply.taskId);
        if (index !== undefined) this.load[index]--;
        onReply(reply);
      }),
    );
  }

  get size(): number {
    return this.ports.length;
  }

  /** Posts a file to the least busy worker; its bytes are transferred. */
  postTask(taskId: number, fileName: string, bytes: Uint8Array): void {
    let index = 0;
    for (let i = 1; i < this.load.length; i++) if (this.load[i] < this.load[index]) index = i;
    this.load[index]++;
    this.portOf.set(taskId, index);
    this.ports[index].post({ type: 'task', taskId, fileName, bytes: ownBuffer(bytes) });
  }

  broadcast(message: ToWorker): void {
    for (const port of this.ports) port.post(message);
  }

  terminate(): void {
    for (const port of this.ports) port.terminate();
  }
}
