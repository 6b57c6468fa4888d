// Long loops on the main thread cut into slices: after SLICE_MS of work, `yieldIfLong` lets the
// event loop run (input, drawing) before going on. The scheduler's merge uses it (the sink no
// longer makes the merge wait, so without it a burst of answers would merge in one long task),
// and so does the database sink (ingest builds its Arrow batches back to back). `nextTask` is the
// yield itself: `scheduler.yield()` where the browser has it (the continuation goes before other
// queued tasks, after input), else a MessageChannel message — not setTimeout(0), which browsers
// clamp to 4 ms once nested five deep. No DOM types, no Node APIs.

/** Longest stretch of work between two yields to the event loop. */
const SLICE_MS = 12;

interface YieldingScheduler {
  yield(): Promise<void>;
}

/** Resolves in a later task of the event loop (input and drawing may run before it). */
export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Partial<YieldingScheduler> }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

export class TimeSlices {
  private start = performance.now();

  /** Yields to the event loop when the current slice has run longer than SLICE_MS. */
  async yieldIfLong(): Promise<void> {
    if (performance.now() - this.start <= SLICE_MS) return;
    await nextTask();
    this.start = performance.now();
  }
}

/** Rows a sliced loop handles between two looks at the clock (~1 ms of simple work). */
const ROWS_PER_STEP = 1 << 14;

/**
 * A computation cut into steps: a generator that yields (nothing) between pieces of work of a
 * few ms and returns its result. Run it at once (runAtOnce) or across tasks (runInSlices); both
 * give the same result.
 */
export type Steps<T> = Generator<void, T, void>;

/** Calls `step(from, to)` over [0, length) in consecutive ranges of `rowsPerStep`, a step each. */
export function* rangeSteps(
  length: number,
  step: (from: number, to: number) => void,
  rowsPerStep = ROWS_PER_STEP,
): Steps<void> {
  for (let from = 0; from < length; from += rowsPerStep) {
    yield;
    step(from, Math.min(length, from + rowsPerStep));
  }
}

/**
 * Values a sliced copy moves per step (256 KB of 32-bit values). A copy into a new array, not its
 * allocation, touches the new memory: on a busy machine one 14 MB column copied at once made a
 * 44-126 ms task of page faults.
 */
export const COPY_VALUES_PER_STEP = 1 << 16;

type Column = Int32Array | Uint32Array | BigInt64Array | Float64Array | Uint8Array;

/**
 * A new array of `length` values (zeros after the copied ones) holding `from`'s first `count`,
 * copied a slice per step. `from` must not change until the steps are over.
 */
export function* copySteps<T extends Column>(
  from: T,
  length: number,
  count = from.length,
  valuesPerStep = COPY_VALUES_PER_STEP,
): Steps<T> {
  const out = new (from.constructor as new (n: number) => T)(length);
  const into = out as unknown as { set(values: Column, at: number): void };
  const source = from as unknown as { subarray(a: number, b: number): Column };
  yield* rangeSteps(count, (a, b) => into.set(source.subarray(a, b), a), valuesPerStep);
  return out;
}

/** Runs every step now. */
export function runAtOnce<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Runs the steps from a task of its own (not the caller's), yielding to the event loop whenever
 * a slice has run longer than SLICE_MS; once `signal` is aborted, throws its reason instead of
 * going on.
 */
export async function runInSlices<T>(steps: Steps<T>, signal?: AbortSignal): Promise<T> {
  await nextTask();
  const slices = new TimeSlices();
  for (;;) {
    signal?.throwIfAborted();
    const step = steps.next();
    if (step.done) return step.value;
    await slices.yieldIfLong();
  }
}
