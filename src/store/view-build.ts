// What the view worker computes for one process, also callable on this thread, in two parts: first
// what the first timeline frame and the panels need (the span table from ingest's columns, its
// unfiltered lane layout, span tree and self times), then the thread events (the thread lanes fill
// in when they arrive); and the byte buffers to transfer with each message. No React, no DOM.
import { copySteps, runAtOnce, type Steps } from '../base/time-slices';
import { layoutLanes } from '../model/lanes';
import { NAME_SLOTS, nameSlots } from '../model/name-colours';
import { selfTimesNs } from '../model/self-time';
import type { SpanTable } from '../model/span-table';
import { threadEvents, type EventColumns, type ThreadEvents } from '../model/thread-events';
import { buildSpanTree } from '../model/tree';
import type { FirstViewParts } from '../model/view-cache';
import { spanTableFromColumns, type SpanColumnsInput } from '../queries/span-table-columns';
import type { ProcessSpans } from '../ingest/process-spans';
import { warmUpInput } from './view-warm';

export interface FirstView extends FirstViewParts {
  table: SpanTable;
}

export interface BuiltView extends FirstView {
  events: ThreadEvents;
}

/**
 * What a view worker is sent: a process to build; or, before it, warm-ups built and dropped: the
 * size of a made-up process (view-warm.ts), or a real one (the bundled sample's) and how many
 * times to build it.
 */
export type ViewRequest =
  SpanColumnsInput | { warmUpSpans: number } | { warmUpWith: SpanColumnsInput; passes: number };

/** The messages a view build posts: the first view, then its thread events (or an error). */
export type ViewMessage =
  | { kind: 'first'; view: FirstView }
  | { kind: 'events'; events: ThreadEvents }
  | { kind: 'error'; error: string };

/** Ingest's merged spans as the span table builder takes them. */
export function spanColumnsInput(p: ProcessSpans): SpanColumnsInput {
  return {
    spans: p.spans,
    originNs: p.process?.startTimeNs,
    clock: p.converter && { startTicks: p.converter.startTicks, frequency: p.converter.frequency },
    firstTicks: p.ticks?.[0],
    lastTicks: p.ticks?.[1],
    blockStreams: p.blockStreams,
    scopes: p.scopes,
    cpuStreams: p.threads.map((s) => ({
      streamId: s.streamId,
      threadName: s.properties['thread-name'],
    })),
  };
}

export function buildFirstView(input: SpanColumnsInput): FirstView {
  const table = spanTableFromColumns(input);
  const layout = layoutLanes(table);
  const tree = buildSpanTree(table); // its parentIndex is the layout's parent (spanParents)
  const names = nameSlots(table, NAME_SLOTS); // the timeline's colours, not on the main thread
  return { table, layout, tree, selfNs: selfTimesNs(table, tree), nameSlots: names };
}

export function buildView(input: SpanColumnsInput): BuiltView {
  const first = buildFirstView(input);
  return { ...first, events: threadEvents(first.table) };
}

/** The columns threadEvents reads, copied: the table's own go to the main thread first. */
function eventColumns(table: SpanTable): EventColumns {
  return {
    threads: table.threads,
    beginThread: table.beginThread.slice(),
    beginNs: table.beginNs.slice(),
    endThread: table.endThread.slice(),
    endNs: table.endNs.slice(),
  };
}

/**
 * The worker's build: posts the first view as soon as it is ready (its buffers transferred), then
 * the thread events, computed from copies of the columns they need; an error ends the build.
 */
export function postViewBuild(
  input: SpanColumnsInput,
  post: (message: ViewMessage, transfer: ArrayBuffer[]) => void,
): void {
  try {
    const first = buildFirstView(input);
    const columns = eventColumns(first.table);
    post({ kind: 'first', view: first }, buffersOf(first));
    const events = threadEvents(columns);
    post({ kind: 'events', events }, buffersOf(events));
  } catch (error) {
    post({ kind: 'error', error: error instanceof Error ? error.message : String(error) }, []);
  }
}

/** A view worker's answer to `request`: a build's messages through `post`; none to a warm-up. */
export function handleViewRequest(
  request: ViewRequest,
  post: (message: ViewMessage, transfer: ArrayBuffer[]) => void,
): void {
  const drop = () => {};
  if ('warmUpSpans' in request) return postViewBuild(warmUpInput(request.warmUpSpans), drop);
  if ('warmUpWith' in request) {
    for (let pass = 0; pass < request.passes; pass++) postViewBuild(request.warmUpWith, drop);
    return;
  }
  postViewBuild(request, post);
}

/** The distinct buffers of the typed arrays in `values` and in their members, 4 levels deep. */
export function buffersOf(...values: object[]): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  const visit = (v: unknown, depth: number) => {
    if (ArrayBuffer.isView(v)) out.add(v.buffer as ArrayBuffer);
    else if (depth > 0 && v && typeof v === 'object')
      for (const member of Object.values(v)) visit(member, depth - 1);
  };
  for (const v of values) visit(v, 4); // view → events → begins → [t] → timesNs
  return [...out];
}

/** The input with its typed arrays copied to their length (views of ingest's growing arrays). */
export function detachedInput(input: SpanColumnsInput): SpanColumnsInput {
  return runAtOnce(detachedInputSteps(input));
}

/**
 * detachedInput a slice of a column per step (base/time-slices copySteps; large: ten columns of
 * 1.76M, one of them up to 260 ms in one step on a busy machine), for a caller that yields
 * between them (view-builder.ts). The columns are ingest's: a merge running between two steps
 * (another drop) may change rows already copied; its own first view follows.
 */
export function* detachedInputSteps(
  input: SpanColumnsInput,
  valuesPerStep?: number,
): Steps<SpanColumnsInput> {
  const s = input.spans;
  const n = s.length;
  const spans = { ...s, length: n };
  for (const name of SPAN_COLUMNS) yield* copyColumnSteps(spans, name, n, valuesPerStep);
  return { ...input, spans };
}

/** Replaces `rows[name]` (a view of ingest's) by a copy of its first `n` values, in slices. */
function* copyColumnSteps<K extends (typeof SPAN_COLUMNS)[number]>(
  rows: SpanRows,
  name: K,
  n: number,
  valuesPerStep?: number,
): Steps<void> {
  rows[name] = (yield* copySteps(rows[name], n, n, valuesPerStep)) as SpanRows[K];
}

type SpanRows = SpanColumnsInput['spans'];

/**
 * A preview's input (store/preview.ts): a copy of the rows whose begin is merged. While a load
 * goes on, a span whose end is merged but not its begin most likely begins in a block still
 * loading: shown, it would read as an orphan end, so a preview leaves it to the full view.
 */
export function begunRows(input: SpanColumnsInput): SpanColumnsInput {
  const s = input.spans;
  const rows = new Int32Array(s.length);
  let kept = 0;
  for (let i = 0; i < s.length; i++) if (s.begins[i] > 0) rows[kept++] = i;
  const spans = { ...s, length: kept };
  for (const name of SPAN_COLUMNS) gatherColumn(spans, name, rows.subarray(0, kept));
  return { ...input, spans };
}

/**
 * Replaces `rows[name]` (a view of ingest's) by a copy of its values at `at`, read as 32-bit
 * words (one or two per value) so the loop is one typed-array kind and makes no BigInt.
 */
function gatherColumn<K extends (typeof SPAN_COLUMNS)[number]>(
  rows: SpanRows,
  name: K,
  at: Int32Array,
) {
  const from = rows[name];
  const words = from.BYTES_PER_ELEMENT >> 2;
  const src = new Int32Array(from.buffer, from.byteOffset, from.length * words);
  const out = new Int32Array(at.length * words);
  if (words === 1) for (let j = 0; j < at.length; j++) out[j] = src[at[j]];
  else {
    for (let j = 0; j < at.length; j++) {
      out[2 * j] = src[2 * at[j]];
      out[2 * j + 1] = src[2 * at[j] + 1];
    }
  }
  const kind = from.constructor as new (buffer: ArrayBuffer) => SpanRows[K];
  rows[name] = new kind(out.buffer);
}

/** The typed-array columns of SpanColumnsInput.spans. */
const SPAN_COLUMNS = [
  'spanId',
  'parentSpanId',
  'depth',
  'scopeKey',
  'beginTicks',
  'endTicks',
  'beginBlock',
  'endBlock',
  'begins',
  'ends',
] as const;
