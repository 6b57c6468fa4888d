// Long loops on the main thread cut into slices: after SLICE_MS of work, `yieldIfLong` lets the
// event loop run (input, drawing) before going on. The scheduler's merge uses it: the sink no
// longer makes the merge wait, so without it a burst of answers would merge in one long task.
// No DOM, no Node APIs.

/** Longest stretch of work between two yields to the event loop. */
const SLICE_MS = 12;

export class TimeSlices {
  private start = performance.now();

  /** Yields to the event loop when the current slice has run longer than SLICE_MS. */
  async yieldIfLong(): Promise<void> {
    if (performance.now() - this.start <= SLICE_MS) return;
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    this.start = performance.now();
  }
}
