// A result computed in slices after the render (src/base/time-slices.ts), for panels whose work
// over a big table would otherwise hold the main thread in one long task. Shared by the span
// tree's filter marks, the timeline's search emphasis and the overview strip's count.
import { useEffect, useMemo, useRef, useState } from 'react';
import { runInSlices, type Steps } from '../base/time-slices';

export interface Sliced<I, T> {
  /** What `value` was computed for (compare it with the current inputs: stale or ready). */
  inputs: I;
  value: T;
}

/**
 * The last finished `steps(inputs)` (null before one), computed across tasks after the render;
 * new inputs abort the run of the old ones, and null inputs start nothing. `steps` must be stable
 * (a module-level function).
 */
export function useSliced<I, T>(
  inputs: I | null,
  steps: (inputs: I) => Steps<T>,
): Sliced<I, T> | null {
  const [done, setDone] = useState<Sliced<I, T> | null>(null);
  useEffect(() => {
    if (inputs === null) return;
    const abort = new AbortController();
    runInSlices(steps(inputs), abort.signal).then(
      (value) => setDone({ inputs, value }),
      () => {}, // aborted: newer inputs replace these
    );
    return () => abort.abort();
  }, [inputs, steps]);
  return done;
}

/** Steps begun in a render: the value when they finished there, else the rest to run. */
interface Begun<I, T> {
  inputs: I;
  done: Sliced<I, T> | null;
  rest: Steps<T>;
}

function begin<I, T>(inputs: I, steps: Steps<T>, stepsNow: number): Begun<I, T> {
  for (let k = 0; k <= stepsNow; k++) {
    const step = steps.next();
    if (step.done) return { inputs, done: { inputs, value: step.value }, rest: steps };
  }
  return { inputs, done: null, rest: steps };
}

/**
 * useSliced for work that is often small: the render runs up to `stepsNow` steps of
 * `steps(inputs)` (a count, not a time: the same inputs always take the same path) and gives
 * their value at once when they finish; otherwise the rest runs across tasks after the render,
 * and until it finishes this is the last value finished before (null before one). `steps` must be
 * stable (a module-level function).
 */
export function useStepped<I, T>(
  inputs: I | null,
  steps: (inputs: I) => Steps<T>,
  stepsNow: number,
): Sliced<I, T> | null {
  const begun = useMemo(
    () => (inputs === null ? null : begin(inputs, steps(inputs), stepsNow)),
    [inputs, steps, stepsNow],
  );
  // the last value finished, in the render or across tasks (a render may finish newer steps
  // than a run in slices that finished before it)
  const last = useRef<Sliced<I, T> | null>(null);
  const [, setFinished] = useState<Sliced<I, T> | null>(null);
  useEffect(() => {
    if (!begun || begun.done) return;
    const abort = new AbortController();
    runInSlices(begun.rest, abort.signal).then(
      (value) => setFinished((last.current = { inputs: begun.inputs, value })),
      () => {}, // aborted: newer inputs replace these
    );
    return () => abort.abort();
  }, [begun]);
  if (begun?.done) last.current = begun.done;
  return last.current;
}
