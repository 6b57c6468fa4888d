// A capture being assembled from files in any order: classifies each body, keeps processes and
// streams, decodes a block as soon as its stream is known (holding it until then), and reports
// every rejected input. Single-threaded and pure: the CLI and tests use it directly; the ingest
// workers use the same pieces. No DOM, no Node APIs.
import {
  blockMeta,
  carriesSpans,
  decodeBlock,
  unexpected,
  type BlockMeta,
  type DecodedBlock,
} from './block';
import { readEnvelope, type BlockInfo, type ProcessInfo, type StreamInfo } from './envelope';
import { toRejected, type RejectedInput } from './errors';
import { blockTiming, TimingTable } from './block-timing';
import type { TimeConverter } from './time-converter';

interface PendingBlock {
  block: BlockInfo;
  fileName: string;
}

export class Capture {
  readonly processes = new Map<string, ProcessInfo>();
  readonly streams = new Map<string, StreamInfo>();
  /** Every accepted block, decoded or not, by block id (a repeated id is ignored). */
  readonly blocks = new Map<string, BlockMeta>();
  readonly decoded = new Map<string, DecodedBlock>();
  readonly rejected: RejectedInput[] = [];
  private readonly pending = new Map<string, PendingBlock[]>();
  private readonly timings = new TimingTable();

  /** Adds one file's bytes; returns the blocks it allowed to decode. Never throws for bad input. */
  add(bytes: Uint8Array, fileName: string): DecodedBlock[] {
    try {
      const envelope = readEnvelope(bytes, fileName);
      if (envelope.kind === 'process')
        this.processes.set(envelope.process.processId, envelope.process);
      if (envelope.kind === 'stream') return this.addStream(envelope.stream);
      if (envelope.kind === 'block') return this.addBlock(envelope.block, fileName);
    } catch (error) {
      this.rejected.push(toRejected(unexpected(error, { fileName }, 'file')));
    }
    return [];
  }

  private addStream(stream: StreamInfo): DecodedBlock[] {
    this.streams.set(stream.streamId, stream);
    const waiting = this.pending.get(stream.streamId) ?? [];
    this.pending.delete(stream.streamId);
    return waiting.flatMap((p) => this.decode(p.block, stream, p.fileName));
  }

  private addBlock(block: BlockInfo, fileName: string): DecodedBlock[] {
    if (this.blocks.has(block.blockId)) return [];
    this.blocks.set(block.blockId, blockMeta(block));
    this.timings.add(blockTiming(block, fileName));
    const stream = this.streams.get(block.streamId);
    if (stream) return this.decode(block, stream, fileName);
    const list = this.pending.get(block.streamId) ?? [];
    list.push({ block, fileName });
    this.pending.set(block.streamId, list);
    return [];
  }

  private decode(block: BlockInfo, stream: StreamInfo, fileName: string): DecodedBlock[] {
    if (!carriesSpans(stream)) return [];
    try {
      const decoded = decodeBlock(block, stream, fileName);
      this.decoded.set(block.blockId, decoded);
      return [decoded];
    } catch (error) {
      this.rejected.push(
        toRejected(unexpected(error, { fileName, blockId: block.blockId }, 'block')),
      );
      return [];
    }
  }

  /** The time converter of a process, once its ProcessInfo and a block are known. */
  converter(processId: string): TimeConverter | undefined {
    const process = this.processes.get(processId);
    return process && this.timings.converter(process);
  }

  /** Blocks kept out of their process's time converter (impossible or inconsistent timing). */
  timingRejections(): RejectedInput[] {
    return this.timings.rejections(this.processes.values());
  }

  /** What still waits for a missing file, in words. */
  waiting(): string[] {
    const out: string[] = [];
    for (const [streamId, blocks] of this.pending) {
      out.push(`${blocks.length} blocks of stream ${streamId} wait for its stream file`);
    }
    const processIds = new Set([...this.blocks.values()].map((b) => b.processId));
    for (const id of processIds) {
      if (!this.processes.has(id)) out.push(`blocks of process ${id} wait for its process file`);
    }
    return out;
  }

  /** Decoded blocks in the oracle's order: processes, then streams by id, then object_offset. */
  orderedBlocks(): DecodedBlock[] {
    return [...this.decoded.values()].sort(
      (a, b) =>
        compare(a.meta.processId, b.meta.processId) ||
        compare(a.meta.streamId, b.meta.streamId) ||
        a.meta.objectOffset - b.meta.objectOffset,
    );
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
