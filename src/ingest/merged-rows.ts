// The rows of merged blocks on their way to the sink: keys them (keys.ts), adds their events to
// their process's spans (span-accumulator.ts), and gives the sink Arrow rows in few, large
// inserts (each insert costs DuckDB a few ms however small, and ~0.1 µs per integer cell).
// Events go as soon as enough wait; the small tables and the spans of every process with new
// events go when a load step ends. No DOM, no Node APIs, no DuckDB.
import type { BlockMeta } from '../decode/block';
import type { Scope } from '../decode/event-columns';
import { blockRows, type BlockRow } from './arrow-rows';
import { inlineRows, type RowsBuilder } from './rows-builder';
export type { RowsBuilder };
import { keyedBlockRows, processKeyRows, scopeRows, type KeyedBlock } from './key-rows';
import { KeyTable } from './keys';
import type { IngestSink } from './ports';
import type { BlockStatus, DecodedEvents } from './protocol';
import { runAtOnce, runInSlices } from '../base/time-slices';
import { packSteps, type PackedSpans } from './packed-spans';
import { unpackSpans, unpackSteps } from './packed-spans-reader';
import { insert, replacePackedSpans, replaceSpans } from './span-replace';
export { replacePackedSpans, replaceSpans };
import { EVENTS_PER_ADD_STEP, SpanAccumulator, type SpanColumns } from './span-accumulator';

/**
 * Events gathered before one insert. Their Arrow IPC (~37 B per event) is built by `builder` (in
 * the browser off the main thread: rows-builder.ts), but each insert costs the database far more
 * than its rows: large with 2^16 per insert (54 inserts) went from its first view to indexed in
 * 5.5 s, with 2^17 in 5.1 s, with 2^18 (14) in 3.8 s (bench ui, same machine and hour).
 */
const EVENTS_PER_INSERT = 1 << 18;

/** What a process's span table is built from, besides its process and stream files. */
export interface MergedSpans {
  /** Views valid until the next merge (see SpanAccumulator.view), or a packed process's copy. */
  spans: SpanColumns;
  /** Smallest and largest ticks of the process's events; undefined when it has none. */
  ticks: [bigint, bigint] | undefined;
  /** Stream id of each block key. */
  blockStreams: string[];
  /** Scope of each scope key. */
  scopes: Scope[];
}

const NO_SPANS = new SpanAccumulator();

export interface MergedBlock {
  meta: BlockMeta;
  status: BlockStatus;
  events?: DecodedEvents;
}

/** Smallest and largest of signed 64-bit values, read as 32-bit halves. */
export function tickRange(ticks: BigInt64Array): [bigint, bigint] {
  const h = new Int32Array(ticks.buffer, ticks.byteOffset, ticks.length * 2);
  let min = 0;
  let max = 0;
  for (let i = 1; i < ticks.length; i++) {
    const hi = h[2 * i + 1];
    const lo = h[2 * i] >>> 0;
    if (hi < h[2 * min + 1] || (hi === h[2 * min + 1] && lo < h[2 * min] >>> 0)) min = i;
    if (hi > h[2 * max + 1] || (hi === h[2 * max + 1] && lo > h[2 * max] >>> 0)) max = i;
  }
  return [ticks[min], ticks[max]];
}

/** Each event's scope key, from the event's index into its block's scopes. */
function keyedScopes(scope: Uint32Array, keys: Uint32Array): Int32Array {
  const out = new Int32Array(scope.length);
  for (let i = 0; i < scope.length; i++) out[i] = keys[scope[i]];
  return out;
}

export class MergedRows {
  private readonly keys = new KeyTable();
  /** Spans of processes that got events in the load step not packed yet. */
  private readonly spans = new Map<number, SpanAccumulator>();
  /** Spans of the others: packed until a step brings their process new events. */
  private readonly packed = new Map<number, PackedSpans>();
  /** Processes with events not yet in their spans rows. */
  private readonly touched = new Set<number>();
  /** Smallest and largest event ticks per process key. */
  private readonly tickRanges = new Map<number, [bigint, bigint]>();
  private readonly blockStreams: string[] = [];
  /** Async events merged per process id (the sum of the blocks' async_events). */
  private readonly eventsByProcess = new Map<string, number>();
  private blocks: BlockRow[] = [];
  private keyedBlocks: KeyedBlock[] = [];
  /** What the next flush waits for (holdRows). */
  private flushHolds: Promise<unknown>[] = [];
  private waitingEvents = 0;
  /** The events insert under way (see insertEvents). */
  private eventsInsert: Promise<void> | undefined;
  private abandoned = false;

  /** `builder` makes the Arrow rows of events and spans (rows-builder.ts). */
  constructor(private readonly builder: RowsBuilder = inlineRows()) {}

  /**
   * Adds a merged block; true when enough events wait for `insertEvents`. The spans of its
   * process, when packed, are unpacked first, and grown when they need room, in slices.
   */
  async add({ meta, status, events }: MergedBlock): Promise<boolean> {
    const columns = events?.columns;
    this.blocks.push({ meta, status, events: columns?.length ?? 0 });
    const before = this.eventsByProcess.get(meta.processId) ?? 0;
    this.eventsByProcess.set(meta.processId, before + (columns?.length ?? 0));
    if (!events || !columns || columns.length === 0) return false;
    const processKey = this.keys.processKey(meta.processId);
    const blockKey = this.keys.nextBlockKey();
    const scopeKey = keyedScopes(columns.scope, this.keys.scopeKeys(events.scopes));
    const [firstTicks, lastTicks] = tickRange(columns.ticks);
    this.keyedBlocks.push({ blockKey, processKey, meta, firstTicks, lastTicks });
    this.blockStreams[blockKey] = meta.streamId;
    const range = this.tickRanges.get(processKey);
    this.tickRanges.set(processKey, [
      range && range[0] < firstTicks ? range[0] : firstTicks,
      range && range[1] > lastTicks ? range[1] : lastTicks,
    ]);
    let spans = this.spans.get(processKey);
    if (!spans) this.spans.set(processKey, (spans = await this.unpacked(processKey)));
    if (spans.needsRoom(columns.length)) await runInSlices(spans.growSteps(columns.length));
    const adding = spans.addSteps(columns, scopeKey, blockKey); // big blocks across tasks
    if (columns.length > EVENTS_PER_ADD_STEP) await runInSlices(adding);
    else runAtOnce(adding);
    this.touched.add(processKey);
    this.builder.add({ blockKey, events: columns, scopeKey }); // columns not read after this
    this.waitingEvents += columns.length;
    return this.waitingEvents >= EVENTS_PER_INSERT;
  }

  /** A process's spans to merge into: its packed rows unpacked (in slices), or none yet. */
  private async unpacked(processKey: number): Promise<SpanAccumulator> {
    const packed = this.packed.get(processKey);
    if (!packed) return new SpanAccumulator();
    const spans = SpanAccumulator.of(await runInSlices(unpackSteps(packed)));
    this.packed.delete(processKey);
    return spans;
  }

  /** The spans of a process merged so far (none for a process without events). */
  spansOf(processId: string): MergedSpans {
    const key = this.keys.knownProcess(processId) ?? -1;
    const packed = this.packed.get(key);
    const spans = packed ? unpackSpans(packed) : (this.spans.get(key) ?? NO_SPANS).view();
    const ticks = this.tickRanges.get(key);
    const { blockStreams } = this;
    return { spans, ticks, blockStreams, scopes: this.keys.scopeList };
  }

  /** How many spans a process has (without unpacking them). */
  spanCount(processId: string): number {
    const key = this.keys.knownProcess(processId) ?? -1;
    return this.packed.get(key)?.length ?? this.spans.get(key)?.length ?? 0;
  }

  /**
   * Packs the spans of every process not packed yet (packed-spans.ts), in slices (the flush
   * packs those it gives the sink). Called when a load step is over; only a later step bringing
   * a process events needs them again (`add` unpacks them), and it merges exactly as into spans
   * never packed.
   */
  async pack(): Promise<void> {
    for (const [processKey, spans] of [...this.spans]) {
      this.packed.set(processKey, await runInSlices(packSteps(spans.view())));
      this.spans.delete(processKey);
    }
  }

  /** Async events merged for a process. */
  eventsOf(processId: string): number {
    return this.eventsByProcess.get(processId) ?? 0;
  }

  /**
   * Starts building the waiting events' rows (`builder`) and returns; they go to the sink
   * once built, while the merge goes on. One build at a time: the one before is awaited first
   * (its failure thrown here), and with it the sink's hold on its caller.
   */
  async insertEvents(sink: IngestSink): Promise<void> {
    await this.settleEvents();
    if (this.waitingEvents === 0) return;
    const built = this.builder.build();
    this.waitingEvents = 0;
    const pending = built.then((rows) => (this.abandoned ? undefined : insert(sink, rows)));
    pending.catch(() => {}); // thrown by settleEvents
    this.eventsInsert = pending;
  }

  /** Waits for the events insert under way; throws its failure. */
  private async settleEvents(): Promise<void> {
    const pending = this.eventsInsert;
    this.eventsInsert = undefined;
    await pending;
  }

  /** These rows are forgotten (a reset): an events insert under way gives the sink nothing. */
  abandon(): void {
    this.abandoned = true;
    this.builder.clear();
  }

  /**
   * Makes the next flush wait for `until` (settled either way). From the `merged` event: a first
   * view's copy of ingest's columns then runs alone on the main thread, and its build starts
   * sooner, instead of sharing the thread with the rows' Arrow IPC (large, traced: the view
   * worker's build began 1.0 s after merged, half of that the spans' IPC; now 0.13 s).
   */
  holdRows(until: Promise<unknown>): void {
    this.flushHolds.push(until);
  }

  /** Gives the sink every waiting row, then the spans of each process with new events. */
  async flush(sink: IngestSink): Promise<void> {
    const holds = this.flushHolds.splice(0);
    if (holds.length > 0) await Promise.allSettled(holds);
    await this.settleEvents(); // no two sink calls at once from here on
    const { processes, scopes } = this.keys.takeNew();
    await insert(sink, processKeyRows(processes));
    await insert(sink, scopeRows(scopes));
    await insert(sink, keyedBlockRows(this.keyedBlocks));
    this.keyedBlocks = [];
    await insert(sink, blockRows(this.blocks));
    this.blocks = [];
    await this.insertEvents(sink);
    await this.settleEvents();
    for (const processKey of [...this.touched].sort((a, b) => a - b)) {
      // packed at once (the first view has its copy), given from the packed rows
      const packed = await runInSlices(packSteps(this.spans.get(processKey)!.view()));
      this.packed.set(processKey, packed);
      this.spans.delete(processKey);
      await replacePackedSpans(sink, processKey, packed, this.builder);
    }
    this.touched.clear();
  }
}
