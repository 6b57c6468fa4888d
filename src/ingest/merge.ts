// What the scheduler has merged so far, in merge order: known processes and streams, accepted
// block ids (a repeated id is ignored, as in decode/capture.ts), blocks held until their stream
// arrives, and each process's block timings for its time converter (decode/block-timing.ts, the
// rule weft decode uses too). Pure bookkeeping: it decides, the scheduler acts. No DOM, no Node
// APIs, no DuckDB.
import type { BlockMeta } from '../decode/block';
import type { ProcessInfo, StreamInfo } from '../decode/envelope';
import { blockTiming, TimingTable } from '../decode/block-timing';
import type { RejectedInput } from '../decode/errors';
import type { TimeConverter } from '../decode/time-converter';

export interface HeldBlock {
  meta: BlockMeta;
  fileName: string;
  bytes: Uint8Array;
}

export class MergeState {
  readonly processes = new Map<string, ProcessInfo>();
  readonly streams = new Map<string, StreamInfo>();
  private readonly acceptedBlocks = new Set<string>();
  private readonly held = new Map<string, HeldBlock[]>();
  private readonly timings = new TimingTable();
  /** Blocks whose timing exclusion was reported already. */
  private readonly reportedTimings = new Set<string>();
  /** The converter frequency last given to the sink, per process. */
  private readonly sentFrequency = new Map<string, number>();
  blocksSeen = 0;

  /** True when the process is new (its rows should be inserted). */
  addProcess(process: ProcessInfo): boolean {
    if (this.processes.has(process.processId)) return false;
    this.processes.set(process.processId, process);
    return true;
  }

  /** True when the stream is new; its held blocks are then returned by `release`. */
  addStream(stream: StreamInfo): boolean {
    if (this.streams.has(stream.streamId)) return false;
    this.streams.set(stream.streamId, stream);
    return true;
  }

  /** Accepts a block id seen for the first time and records its timing; false for a repeat. */
  acceptBlock(meta: BlockMeta, fileName: string): boolean {
    if (this.acceptedBlocks.has(meta.blockId)) return false;
    this.acceptedBlocks.add(meta.blockId);
    this.blocksSeen++;
    this.timings.add(blockTiming(meta, fileName));
    return true;
  }

  /** Un-accepts a block whose decoding was cancelled, so that loading it again works. */
  forgetBlock(meta: BlockMeta): void {
    if (this.acceptedBlocks.delete(meta.blockId)) this.blocksSeen--;
  }

  hold(block: HeldBlock): void {
    const list = this.held.get(block.meta.streamId) ?? [];
    list.push(block);
    this.held.set(block.meta.streamId, list);
  }

  /** The blocks that waited for `streamId`, in the order they were held. */
  release(streamId: string): HeldBlock[] {
    const list = this.held.get(streamId) ?? [];
    this.held.delete(streamId);
    return list;
  }

  /** The process's converter now; undefined without its process file or a valid frequency. */
  converter(processId: string): TimeConverter | undefined {
    const process = this.processes.get(processId);
    return process && this.timings.converter(process);
  }

  /** Blocks newly kept out of their process's time converter (block-timing.ts), once each. */
  newTimingRejections(): RejectedInput[] {
    const fresh = this.timings
      .rejections(this.processes.values())
      .filter((r) => !this.reportedTimings.has(r.blockId!));
    for (const r of fresh) this.reportedTimings.add(r.blockId!);
    return fresh;
  }

  /** Converters that changed since last reported (a new block timing or process arrived). */
  changedConverters(): { processId: string; converter: TimeConverter }[] {
    const out: { processId: string; converter: TimeConverter }[] = [];
    for (const [processId, process] of this.processes) {
      const converter = this.timings.converter(process);
      if (!converter || this.sentFrequency.get(processId) === converter.frequency) continue;
      this.sentFrequency.set(processId, converter.frequency);
      out.push({ processId, converter });
    }
    return out;
  }

  /** What still waits for a missing file, in words. */
  waiting(): string[] {
    const out: string[] = [];
    for (const [streamId, blocks] of this.held) {
      out.push(`${blocks.length} blocks of stream ${streamId} wait for its stream file`);
    }
    for (const processId of this.timings.processIds()) {
      if (!this.processes.has(processId)) {
        out.push(`blocks of process ${processId} wait for its process file`);
      }
    }
    return out;
  }
}
