// Builds a process's view (span table, lane layout, span tree, self times, then thread events) in
// a fresh Web Worker, so the main thread only copies ingest's columns out (one memcpy per column,
// yielding between columns) and takes the results back (transferred, not copied). The table is handed out as soon as the
// worker's first message brings it with what the first frame needs; its thread events follow in a
// second message (src/model/view-cache.ts tells the timeline when they arrive). The worker ends
// after one build, returning its memory; two spares wait, warmed up (view-warm.ts), and the one a
// build takes is replaced once that build is over, so a worker is ready, optimized, when the next
// build comes, without taking a core from this one. Without Worker (Node, tests) it builds on this thread, all at once. No React.
import type { SpanTable } from '../model/span-table';
import type { ThreadEvents } from '../model/thread-events';
import { expectThreadEvents, rememberViewParts } from '../model/view-cache';
import type { SpanColumnsInput } from '../queries/span-table-columns';
import { runInSlices } from '../base/time-slices';
import {
  begunRows,
  buffersOf,
  buildView,
  detachedInput,
  detachedInputSteps,
  type ViewMessage,
  type ViewRequest,
} from './view-build';

/** What the builder uses of a Worker (a fake one in tests). */
export interface ViewWorker {
  onmessage: ((event: { data: ViewMessage }) => void) | null;
  onerror: ((event: { message: string }) => void) | null;
  postMessage(message: ViewRequest, transfer: ArrayBuffer[]): void;
  terminate(): void;
}

/**
 * Spans of the made-up process a spare worker builds first: enough for V8 to optimize the build
 * (medium's 99k spans, in Node: ~400 ms cold, ~110 ms warm; after this warm-up, ~150 ms), at
 * ~100 ms of a worker's time while the page waits.
 */
const WARM_UP_SPANS = 20_000;
/** How long after a build the worker replacing its own starts (the first frame comes meanwhile). */
const SPARE_AFTER_MS = 2000;

// the DOM's handler types take a full MessageEvent; the builder reads only `data`
const spawn = () =>
  new Worker(new URL('./view-worker.ts', import.meta.url), {
    type: 'module',
  }) as unknown as ViewWorker;

/**
 * Workers started and warmed up ahead of the next builds, so their module is loaded and their
 * code optimized by the time a load needs them (they hold no data until a build is posted).
 */
const spares: ViewWorker[] = [];
/**
 * Spares kept: a load that shows a preview builds its own view while the preview's worker may
 * still be at work, or its successor still warming up; a second spare is warm for it.
 */
const SPARES = 2;

/**
 * Builds of the bundled sample's process a spare makes after the made-up one. The made-up
 * process takes none of a real async capture's odd paths (overlapping siblings, spans ending on
 * another thread, open spans, ties); their first use in the first real build deoptimized it:
 * medium's first build in Chromium took ~150 ms after the made-up warm-up alone, ~50 ms once
 * warm. 40 builds of the sample's 457 spans (a few ms each, warm) got medium's first build in
 * Node from 144–315 ms to 54–82 ms.
 */
const SAMPLE_PASSES = 40;
/** The sample's process, once the page has loaded it (warmViewWorkersWith); null before. */
let sample: SpanColumnsInput | null = null;

/** The warm-ups a spare worker gets: the made-up process, then the sample's once known. */
export function warmUpRequests(known: SpanColumnsInput | null): ViewRequest[] {
  const requests: ViewRequest[] = [{ warmUpSpans: WARM_UP_SPANS }];
  if (known) requests.push({ warmUpWith: known, passes: SAMPLE_PASSES });
  return requests;
}

/**
 * Starts spare workers, warmed up, up to SPARES (the app calls it at startup, while the page
 * waits; a build calls it once over).
 */
export function prepareViewWorker(): void {
  if (typeof Worker === 'undefined') return;
  while (spares.length < SPARES) {
    const worker = spawn();
    for (const request of warmUpRequests(sample)) worker.postMessage(request, []);
    spares.push(worker);
  }
}

/**
 * Warms the spares (and those started later) up on `input`, the bundled sample's process (its
 * columns are copied to each worker, not moved: every spare builds it).
 */
export function warmViewWorkersWith(input: SpanColumnsInput): void {
  const first = sample === null;
  sample = input;
  if (first) for (const worker of spares) worker.postMessage(warmUpRequests(input)[1], []);
}

/**
 * Posts `input` to `worker`: resolves with the table once the first view arrives (its parts
 * remembered); its thread events are expected until the second message (or a failure, or
 * `signal`) ends the worker.
 */
export function buildInWorker(
  worker: ViewWorker,
  input: SpanColumnsInput,
  signal?: AbortSignal,
): Promise<SpanTable> {
  return postDetached(worker, detachedInput(input), undefined, signal);
}

/**
 * buildInWorker of an input already detached (copied out of ingest's growing arrays); `ended`
 * is called once the worker is done (its thread events came, or it failed, or `signal` aborted
 * the build: the worker is ended at once).
 */
function postDetached(
  worker: ViewWorker,
  detached: SpanColumnsInput,
  ended: () => void = () => {},
  signal?: AbortSignal,
): Promise<SpanTable> {
  let events: { resolve: (e: ThreadEvents | undefined) => void } | null = null;
  const end = () => {
    worker.terminate();
    ended();
  };
  return new Promise<SpanTable>((resolve, reject) => {
    const fail = (error: string) => {
      end();
      if (events) events.resolve(undefined);
      else reject(new Error(error));
    };
    worker.onmessage = ({ data }) => {
      if (data.kind === 'error') return fail(data.error);
      if (data.kind === 'events') {
        end();
        return events?.resolve(data.events);
      }
      const { table, ...parts } = data.view;
      rememberViewParts(table, parts);
      void expectThreadEvents(table, new Promise((done) => (events = { resolve: done })));
      resolve(table);
    };
    worker.onerror = (event) => fail(`view worker failed: ${event.message}`);
    signal?.addEventListener('abort', () => fail('the build was cancelled'), { once: true });
    worker.postMessage(detached, buffersOf(detached.spans));
  });
}

/** Builds on this thread (no Worker: Node, tests), all at once. */
function buildHere(input: SpanColumnsInput): SpanTable {
  const { table, ...parts } = buildView(input);
  rememberViewParts(table, parts);
  return table;
}

/**
 * Posts `detached` to the oldest spare worker (or a fresh one, if builds took them all); the
 * spares are topped up SPARE_AFTER_MS after this build is over (`replace`; a preview's is not:
 * the load's own view takes the other spare, and its end tops both up): a module load and
 * warm-up would take a core from this build, the first frame, or the decoders and the full
 * view of a load that goes on.
 */
function postToSpare(
  detached: SpanColumnsInput,
  signal?: AbortSignal,
  replace = true,
): Promise<SpanTable> {
  const worker = spares.shift() ?? spawn();
  const ended = () => (replace ? setTimeout(prepareViewWorker, SPARE_AFTER_MS) : undefined);
  return postDetached(worker, detached, ended, signal);
}

/** The span table of `input`, its layout, tree, self times and thread events remembered with it. */
export async function buildSpanTable(input: SpanColumnsInput): Promise<SpanTable> {
  if (typeof Worker === 'undefined') return buildHere(input);
  // the copy for the worker, a column per step in slices (not one ~70 ms task on large)
  return postToSpare(await runInSlices(detachedInputSteps(input)));
}

/**
 * The span table of a preview (view-build.ts begunRows), its rows copied at once, before it
 * returns: a preview is taken between two merges of a load that goes on (a copy in slices would
 * mix rows of later merges). `signal` ends its worker (the load's full view is coming).
 */
export function buildPreviewTable(input: SpanColumnsInput, signal?: AbortSignal) {
  const begun = begunRows(input);
  if (typeof Worker === 'undefined') return Promise.resolve(buildHere(begun));
  return postToSpare(begun, signal, false);
}
