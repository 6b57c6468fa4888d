// The pool scheduler: reads sources, hands whole files to the least busy worker, merges answers
// into the sink strictly in task order (the same tables whatever the number of workers and timing).
// A block that reached a worker before its stream's metadata comes back and is held until the
// stream is merged and broadcast, then decoded again and merged at the stream's place. Merged
// blocks become rows in merged-rows.ts, in time slices. Loads may come at any time. No DOM or Node.
import type { BlockMeta } from '../decode/block';
import { MergeState, type HeldBlock } from './merge';
import { MergedRows, type RowsBuilder } from './merged-rows';
import { WorkerPool } from './pool';
import {
  mergedProcesses,
  processSpans,
  type MergedProcess,
  type ProcessSpans,
} from './process-spans';
import type { IngestSink, IngestSource, WorkerPort } from './ports';
import { TimeSlices } from '../base/time-slices';
import {
  emptyProgress,
  type FromWorker,
  type IngestEvent,
  type IpcRows,
  type LoadSummary,
  type Rejected,
  type TaskOutcome,
} from './protocol';

type Deferred = TaskOutcome & { kind: 'deferred' };
const tableIpc = ({ table, ipc }: IpcRows) => [table, ipc] as const;

/** Tasks read or decoded ahead of the merge point, per worker. */
const AHEAD_PER_WORKER = 4;

interface Task {
  id: number;
  fileName: string;
  source?: IngestSource;
  /** Bytes of a held block to decode again (dropped once posted). */
  bytes?: Uint8Array;
  byteLength: number;
  /** The held block this task decodes again: not a repeat of its own id. */
  retryOf?: BlockMeta;
  reply?: FromWorker | { type: 'unreadable'; reason: string };
}

export class Scheduler {
  private merge = new MergeState();
  private rows: MergedRows;
  private readonly tasks = new Map<number, Task>();
  /** Task ids in merge order. */
  private order: number[] = [];
  /** Task ids not yet started, a subsequence of `order`. */
  private toStart: number[] = [];
  private nextId = 1;
  /** Tasks started and not answered yet (cancelled ones included: they still answer). */
  private inFlight = 0;
  /** Tasks answered and not merged yet. */
  private buffered = 0;
  private progress = emptyProgress();
  private rejected: Rejected[] = [];
  private waiters: ((summary: LoadSummary) => void)[] = [];
  private merging = false;
  private cancelled = false;
  private readonly pool: WorkerPool;
  private readonly ahead: number;

  constructor(
    ports: WorkerPort[],
    private readonly sink: IngestSink,
    private readonly emit: (event: IngestEvent) => void,
    private readonly eventRows?: RowsBuilder, // in a worker: rows-builder.ts
  ) {
    this.rows = new MergedRows(eventRows);
    this.pool = new WorkerPool(ports, (reply) => this.settle(reply.taskId, reply));
    this.ahead = this.pool.size * AHEAD_PER_WORKER;
  }

  /** Appends sources to what is loading; resolves when everything asked so far is merged. */
  add(sources: IngestSource[]): Promise<LoadSummary> {
    if (this.order.length === 0 && this.waiters.length === 0) {
      [this.progress, this.rejected, this.cancelled] = [emptyProgress(), [], false]; // a new load
    }
    for (const source of sources) {
      const id = this.nextId++;
      this.tasks.set(id, { id, fileName: source.path, source, byteLength: 0 });
      this.order.push(id);
      this.toStart.push(id);
      this.progress.filesTotal++;
      this.progress.bytesTotal += source.size ?? 0;
    }
    const done = new Promise<LoadSummary>((resolve) => this.waiters.push(resolve));
    this.startTasks();
    void this.mergeReady();
    return done;
  }

  /** Drops everything not merged yet; what is merged stays and is finished. */
  cancel(): void {
    for (const id of this.order) {
      const retryOf = this.tasks.get(id)?.retryOf;
      if (retryOf) this.merge.forgetBlock(retryOf);
      this.tasks.delete(id);
    }
    this.buffered = 0;
    this.order = [];
    this.toStart = [];
    this.cancelled = true;
    void this.mergeReady();
  }

  /** Forgets all merged state (the sink must be reset by its owner). */
  reset(): void {
    this.cancel();
    this.rows.abandon(); // an events insert under way is dropped
    [this.merge, this.rows] = [new MergeState(), new MergedRows(this.eventRows)];
    this.pool.broadcast({ type: 'reset' });
  }

  /** What the span table of a process is built from (views: use before the next merge). */
  processSpans(processId: string): ProcessSpans {
    return processSpans(this.merge, this.rows, processId);
  }

  /** Merged processes, oldest first (as `listProcesses` lists them), with their counts. */
  readonly processes = (): MergedProcess[] => mergedProcesses(this.merge, this.rows);
  /** From the `merged` event: the sink's rows of that step wait for `until` (MergedRows). */
  readonly holdRows = (until: Promise<unknown>) => this.rows.holdRows(until);

  terminate(): void {
    this.cancel();
    this.pool.terminate();
  }

  private startTasks(): void {
    while (this.toStart.length > 0) {
      const task = this.tasks.get(this.toStart[0]);
      if (task && !task.retryOf && this.inFlight + this.buffered >= this.ahead) return;
      this.toStart.shift();
      if (task) void this.startTask(task);
    }
  }

  private async startTask(task: Task): Promise<void> {
    this.inFlight++;
    let bytes = task.bytes;
    if (!bytes) {
      try {
        bytes = await task.source!.read();
      } catch (error) {
        this.settle(task.id, { type: 'unreadable', reason: String(error) });
        return;
      }
      if (task.source!.size === undefined) this.progress.bytesTotal += bytes.byteLength;
      this.progress.bytesRead += bytes.byteLength;
    }
    task.bytes = undefined;
    task.byteLength = bytes.byteLength;
    this.progress.currentFile = task.fileName;
    this.pool.postTask(task.id, task.fileName, bytes);
  }

  private settle(taskId: number, reply: Task['reply']): void {
    this.inFlight--;
    const task = this.tasks.get(taskId);
    if (task) {
      task.reply = reply;
      this.buffered++;
    }
    this.startTasks();
    void this.mergeReady();
  }

  /** Merges finished tasks in order; when nothing is left, finishes the load step. */
  private async mergeReady(): Promise<void> {
    if (this.merging) return;
    this.merging = true;
    const slices = new TimeSlices();
    try {
      for (;;) {
        const task = this.order.length > 0 ? this.tasks.get(this.order[0]) : undefined;
        if (task?.reply) {
          this.order.shift();
          this.tasks.delete(task.id);
          this.buffered--;
          await this.guard(() => this.mergeTask(task));
          this.startTasks();
          await slices.yieldIfLong();
        } else if (this.order.length === 0 && this.waiters.length > 0) {
          await this.finishStep();
        } else {
          return;
        }
      }
    } finally {
      this.merging = false;
    }
  }

  private async guard(step: () => Promise<void>): Promise<void> {
    try {
      await step();
    } catch (error) {
      this.emit({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }

  private async mergeTask(task: Task): Promise<void> {
    const reply = task.reply!;
    let held = false;
    if (reply.type === 'unreadable') {
      const message = `${task.fileName}: cannot read: ${reply.reason}`;
      this.reject({ kind: 'unreadable', fileName: task.fileName, reason: reply.reason, message });
    } else if (reply.type === 'crash') {
      this.emit({ type: 'error', message: reply.message });
    } else if (reply.outcome.kind === 'deferred') {
      held = this.hold(task, reply.outcome);
    } else {
      await this.mergeOutcome(task, reply.outcome);
    }
    if (!held) {
      this.progress.filesDone++;
      this.progress.bytesDone += task.byteLength;
    }
    this.progress.blocksSeen = this.merge.blocksSeen;
    this.emit({ type: 'progress', progress: { ...this.progress } });
  }

  private async mergeOutcome(task: Task, outcome: Exclude<TaskOutcome, Deferred>) {
    switch (outcome.kind) {
      case 'rejected':
        return this.reject(outcome.rejected);
      case 'process':
        if (this.merge.addProcess(outcome.process))
          await this.sink.insert(...tableIpc(outcome.rows));
        return;
      case 'stream':
        if (!this.merge.addStream(outcome.stream)) return;
        this.pool.broadcast({ type: 'stream', stream: outcome.stream });
        this.retry(this.merge.release(outcome.stream.streamId));
        return this.sink.insert(...tableIpc(outcome.rows));
      case 'block':
        if (!task.retryOf && !this.merge.acceptBlock(outcome.meta, task.fileName)) return;
        if (outcome.rejected) this.reject(outcome.rejected);
        this.progress.blocksDone++;
        if (await this.rows.add(outcome)) await this.rows.insertEvents(this.sink);
        return;
    }
  }

  /**
   * Holds a block that came before its stream's metadata (true unless it is a repeat): it is done
   * (progress) when it is decoded again and merged, once its stream is merged.
   */
  private hold(task: Task, outcome: Deferred): boolean {
    if (task.retryOf) throw new Error(`${task.fileName}: decoded again without its stream`);
    if (!this.merge.acceptBlock(outcome.meta, task.fileName)) return false;
    if (this.merge.streams.has(outcome.meta.streamId)) this.retry([{ ...outcome }]);
    else this.merge.hold({ ...outcome });
    return true;
  }

  /** Decodes held blocks again, merged next (before any later task). */
  private retry(blocks: HeldBlock[]): void {
    const ids = blocks.map(({ fileName, bytes, meta }) => {
      const id = this.nextId++;
      this.tasks.set(id, { id, fileName, bytes, byteLength: bytes.byteLength, retryOf: meta });
      return id;
    });
    this.order.unshift(...ids);
    this.toStart.unshift(...ids);
    this.startTasks();
  }

  private reject(rejected: Rejected): void {
    this.rejected.push(rejected);
    this.emit({ type: 'rejected', rejected });
  }

  private async finishStep(): Promise<void> {
    await this.guard(async () => {
      // columns complete: the first view copies them, then the flush builds the sink's rows
      this.emit({ type: 'merged' });
      await this.rows.flush(this.sink);
      for (const { processId, converter } of this.merge.changedConverters())
        await this.sink.setTimeConverter(processId, converter.frequency);
      for (const rejected of this.merge.newTimingRejections()) this.reject(rejected);
      await this.sink.finish();
    });
    if (this.order.length > 0) return; // more was added meanwhile: finish again later
    await this.rows.pack(); // stored and shown: packed until a step adds to them
    this.progress.currentFile = '';
    const { progress, rejected, cancelled } = this;
    const waiting = this.merge.waiting();
    const summary = { progress: { ...progress }, rejected: [...rejected], waiting, cancelled };
    const waiters = this.waiters;
    this.waiters = [];
    this.emit({ type: 'complete', summary });
    for (const resolve of waiters) resolve(summary);
  }
}
