// What a load's inputs hold, read from their envelopes before anything is decoded: per block its
// stream, time span, header count of objects and the real size of its objects buffer; per stream
// whether it carries spans. `estimateEvents` bounds the span events they can bring (what the
// memory budget is checked against, src/store/load-budget.ts). No DOM, no Node APIs, no DuckDB.
import { carriesSpans } from '../decode/block';
import { readEnvelope } from '../decode/envelope';

/**
 * The smallest async span event in a block's objects buffer: a type byte, then the fields of
 * BeginAsyncSpanEvent (span_desc reference 8, span_id 8, parent_span_id 8, depth 4, time 8;
 * upstream rust/tracing/src/spans/span_events.rs), the named variants being larger.
 */
const MIN_EVENT_BYTES = 37;
/** LZ4 writes at most ~255 bytes per compressed byte (a match length's extension bytes). */
const MAX_LZ4_RATIO = 255;
/** A header may claim any nb_objects: a buffer cannot hold more events than this per byte. */
export const MAX_EVENTS_PER_BYTE = MAX_LZ4_RATIO / MIN_EVENT_BYTES;

export type InputSurvey =
  | {
      kind: 'block';
      blockId: string;
      streamId: string;
      beginNs: bigint;
      endNs: bigint;
      nbObjects: number;
      /** Bytes of the LZ4-compressed objects buffer, as read (not as declared). */
      objectsBytes: number;
    }
  | { kind: 'stream'; streamId: string; spans: boolean }
  | { kind: 'other' };

/** Reads one input's envelope; an unreadable one brings nothing ('other'). */
export function surveyInput(bytes: Uint8Array, fileName: string): InputSurvey {
  try {
    const envelope = readEnvelope(bytes, fileName);
    if (envelope.kind === 'stream') {
      const { streamId } = envelope.stream;
      return { kind: 'stream', streamId, spans: carriesSpans(envelope.stream) };
    }
    if (envelope.kind !== 'block') return { kind: 'other' };
    const b = envelope.block;
    return {
      kind: 'block',
      blockId: b.blockId,
      streamId: b.streamId,
      beginNs: b.beginTimeNs,
      endNs: b.endTimeNs,
      nbObjects: b.nbObjects,
      objectsBytes: b.objects.byteLength,
    };
  } catch {
    return { kind: 'other' };
  }
}

/** Events a block can bring: its header's count, at most what its objects buffer can hold. */
export function blockEventBound(nbObjects: number, objectsBytes: number): number {
  return Math.min(nbObjects, Math.floor(objectsBytes * MAX_EVENTS_PER_BYTE));
}

export interface BlockEstimate {
  /** Index of the block's input. */
  input: number;
  beginNs: bigint;
  endNs: bigint;
  events: number;
}

export interface EventEstimate {
  /** Span events the inputs can bring, at most (thread events count too: not told apart). */
  events: number;
  /** Blocks that can bring span events, by begin time (then input order). */
  blocks: BlockEstimate[];
}

/**
 * Bounds the span events of surveyed inputs: each distinct block of a stream that carries spans
 * (or whose stream is not among the inputs: it may be loaded already) brings at most
 * blockEventBound events; blocks of other streams are counted, not decoded, and bring none.
 */
export function estimateEvents(surveys: InputSurvey[]): EventEstimate {
  const spans = new Map<string, boolean>();
  for (const s of surveys) if (s.kind === 'stream') spans.set(s.streamId, s.spans);
  const seen = new Set<string>();
  const blocks: BlockEstimate[] = [];
  surveys.forEach((s, input) => {
    if (s.kind !== 'block' || seen.has(s.blockId) || spans.get(s.streamId) === false) return;
    seen.add(s.blockId);
    const events = blockEventBound(s.nbObjects, s.objectsBytes);
    if (events > 0) blocks.push({ input, beginNs: s.beginNs, endNs: s.endNs, events });
  });
  blocks.sort((a, b) =>
    a.beginNs < b.beginNs ? -1 : a.beginNs > b.beginNs ? 1 : a.input - b.input,
  );
  return { events: blocks.reduce((sum, b) => sum + b.events, 0), blocks };
}
