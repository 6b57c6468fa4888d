// Sliced copies (copySteps): one step per slice of values, the values copied exactly (64-bit ones
// too), zeros after them, and the same array whether run at once or across tasks.
import { describe, expect, test } from 'vitest';
import { copySteps, runAtOnce, runInSlices } from './time-slices';

describe('copySteps', () => {
  test.each([
    [1000, 1000, 64],
    [1000, 999, 1000],
    [5, 0, 4],
  ])('%i values, %i copied, %i a step', (length, count, perStep) => {
    const from = BigInt64Array.from({ length }, (_, i) => (BigInt(i) << 40n) - 3n);
    const steps = copySteps(from, length + 7, count, perStep);
    let pauses = 0;
    while (!steps.next().done) pauses++;
    expect(pauses).toBe(Math.ceil(count / perStep));
    const out = runAtOnce(copySteps(from, length + 7, count, perStep));
    expect(out).toBeInstanceOf(BigInt64Array);
    expect([...out]).toEqual([
      ...from.subarray(0, count),
      ...new Array(length + 7 - count).fill(0n),
    ]);
  });

  test('across tasks: the same copy, of a view, not of its whole buffer', async () => {
    const whole = Int32Array.from({ length: 300 }, (_, i) => i * 7 - 100);
    const view = whole.subarray(50, 250);
    const out = await runInSlices(copySteps(view, 200, 200, 16));
    expect(out).toEqual(view.slice());
    expect(out.buffer).not.toBe(whole.buffer);
  });
});
