// The pure core of a decode worker: classifies one file, decodes a block whose stream metadata it
// holds, and answers with its event columns (or the Arrow row of a process or a stream). It
// learns stream metadata only from the scheduler's broadcasts (never from a stream file it parsed
// itself), so whether a block decodes here or is deferred depends on the merge order alone, not
// on which worker got which file. Runs in a Web Worker, a Node worker_threads worker, or
// in-process. No DOM, no Node APIs, no DuckDB.
import { blockMeta, carriesSpans, decodeBlock } from '../decode/block';
import { readEnvelope, type BlockInfo, type StreamInfo } from '../decode/envelope';
import { DecodeError, toRejected } from '../decode/errors';
import { processRows, streamRows } from './arrow-rows';
import type { FromWorker, InputBytes, TaskOutcome, ToWorker } from './protocol';

export class WorkerCore {
  private streams = new Map<string, StreamInfo>();

  /** Handles one message; returns the reply, if any (bytes go in `transferablesOf(reply)`). */
  handle(message: ToWorker): FromWorker | undefined {
    if (message.type === 'stream') {
      this.streams.set(message.stream.streamId, message.stream);
      return undefined;
    }
    if (message.type === 'reset') {
      this.streams = new Map();
      return undefined;
    }
    if (message.type === 'warm-up') {
      for (let pass = 0; pass < message.passes; pass++) decodeAll(message.files);
      return undefined;
    }
    const { taskId, fileName, bytes } = message;
    try {
      return { type: 'result', taskId, outcome: this.decodeFile(bytes, fileName) };
    } catch (error) {
      return { type: 'crash', taskId, message: `${fileName}: ${String(error)}` };
    }
  }

  private decodeFile(bytes: Uint8Array, fileName: string): TaskOutcome {
    let envelope;
    try {
      envelope = readEnvelope(bytes, fileName);
    } catch (error) {
      if (!(error instanceof DecodeError)) throw error;
      return { kind: 'rejected', rejected: toRejected(error) };
    }
    if (envelope.kind === 'process') {
      return { kind: 'process', process: envelope.process, rows: processRows(envelope.process) };
    }
    if (envelope.kind === 'stream') {
      return { kind: 'stream', stream: envelope.stream, rows: streamRows(envelope.stream) };
    }
    const stream = this.streams.get(envelope.block.streamId);
    if (!stream) return { kind: 'deferred', meta: blockMeta(envelope.block), fileName, bytes };
    return decodeKnownBlock(envelope.block, stream, fileName);
  }
}

function decodeKnownBlock(block: BlockInfo, stream: StreamInfo, fileName: string): TaskOutcome {
  const meta = blockMeta(block);
  if (!carriesSpans(stream)) return { kind: 'block', meta, status: 'counted' };
  try {
    const { events, scopes } = decodeBlock(block, stream, fileName);
    return { kind: 'block', meta, status: 'decoded', events: { columns: events, scopes } };
  } catch (error) {
    if (!(error instanceof DecodeError)) throw error;
    return { kind: 'block', meta, status: 'rejected', rejected: toRejected(error) };
  }
}

/**
 * Decodes `files` as one load on a core of their own (so this core's streams are untouched):
 * each stream learnt once decoded, a block met before its stream decoded again at the end.
 * Returns the async events decoded. What a warm-up runs, and the CLI's decoder-alone yardstick.
 */
export function decodeAll(files: InputBytes[]): number {
  const core = new WorkerCore();
  const held: InputBytes[] = [];
  let events = 0;
  const decode = (file: InputBytes, taskId: number) => {
    const reply = core.handle({ type: 'task', taskId, fileName: file.path, bytes: file.bytes });
    if (reply?.type !== 'result') return;
    const { outcome } = reply;
    if (outcome.kind === 'stream') core.handle({ type: 'stream', stream: outcome.stream });
    else if (outcome.kind === 'deferred') held.push(file);
    else if (outcome.kind === 'block') events += outcome.events?.columns.length ?? 0;
  };
  files.forEach(decode);
  held.splice(0).forEach(decode);
  return events;
}
