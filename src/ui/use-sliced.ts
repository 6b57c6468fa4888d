// A result computed in slices after the render (src/base/time-slices.ts), for panels whose work
// over a big table would otherwise hold the main thread in one long task. Shared by the span
// tree's filter marks, the timeline's search emphasis and the overview strip's count.
import { useEffect, useState } from 'react';
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
