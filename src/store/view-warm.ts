// A made-up process for the view worker to build before its real build: V8 compiles and
// optimizes a function only once it has run for a while, so a fresh worker builds its first view
// several times slower than a warm one (medium, 99k spans, in Node: ~400 ms cold, ~110 ms
// warm). The spare worker (view-builder.ts) builds this one while the page waits for input, so
// the code the first frame waits for is optimized when a drop comes. Deterministic (a fixed
// linear congruential sequence): call stacks on a few threads, nested as real spans are, with the
// column types ingest gives (src/ingest/span-accumulator.ts). No React, no DOM.
import type { SpanColumnsInput } from '../queries/span-table-columns';

const THREADS = 4;
const SCOPES = 24;
const MAX_DEPTH = 10;

/** A pseudo-random sequence in [0, 1): the same numbers on every run. */
function sequence(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

function emptyRows(n: number): SpanColumnsInput['spans'] {
  return {
    length: n,
    spanId: new BigInt64Array(n),
    parentSpanId: new BigInt64Array(n),
    depth: new Uint32Array(n),
    scopeKey: new Int32Array(n),
    beginTicks: new BigInt64Array(n),
    endTicks: new BigInt64Array(n),
    beginBlock: new Int32Array(n),
    endBlock: new Int32Array(n),
    begins: new Int32Array(n),
    ends: new Int32Array(n),
  };
}

/** `spanCount` spans as THREADS call stacks, each thread a block of its own stream. */
export function warmUpInput(spanCount: number): SpanColumnsInput {
  const spans = emptyRows(spanCount);
  const random = sequence(0x5eed);
  const perThread = Math.ceil(spanCount / THREADS);
  let lastTicks = 0;
  for (let thread = 0; thread < THREADS; thread++) {
    const first = thread * perThread;
    const end = Math.min(spanCount, first + perThread);
    lastTicks = Math.max(lastTicks, fillThread(spans, first, end, thread, random));
  }
  const streams = Array.from({ length: THREADS }, (_, i) => `warm-up-thread-${i}`);
  return {
    spans,
    originNs: 0n,
    clock: { startTicks: 0n, frequency: 1e9 },
    firstTicks: 0n,
    lastTicks: BigInt(lastTicks),
    blockStreams: streams,
    scopes: Array.from({ length: SCOPES }, (_, i) => ({
      name: `scope ${i}`,
      filename: `file${i % 5}.rs`,
      line: i,
      target: 'warm-up',
    })),
    cpuStreams: streams.map((streamId, i) => ({ streamId, threadName: `thread ${i}` })),
  };
}

/** Rows first..end as one thread's calls (a stack pushed and popped at random); its last tick. */
function fillThread(
  spans: SpanColumnsInput['spans'],
  first: number,
  end: number,
  thread: number,
  random: () => number,
): number {
  const stack: number[] = [];
  let ticks = 1000;
  let next = first;
  while (next < end || stack.length > 0) {
    ticks += 1 + Math.floor(random() * 200);
    const push = next < end && stack.length < MAX_DEPTH && (stack.length === 0 || random() < 0.5);
    if (!push) {
      spans.endTicks[stack.pop()!] = BigInt(ticks);
      continue;
    }
    const row = next++;
    spans.spanId[row] = BigInt(row + 1);
    spans.parentSpanId[row] = stack.length > 0 ? BigInt(stack[stack.length - 1] + 1) : 0n;
    spans.depth[row] = stack.length;
    spans.scopeKey[row] = Math.floor(random() * SCOPES);
    spans.beginTicks[row] = BigInt(ticks);
    spans.beginBlock[row] = spans.endBlock[row] = thread;
    spans.begins[row] = spans.ends[row] = 1;
    stack.push(row);
  }
  return ticks;
}
