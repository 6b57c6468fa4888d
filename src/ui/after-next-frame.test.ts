import { describe, expect, it } from 'vitest';
import { afterNextFrame, type FrameScheduler } from './after-next-frame';

/** A scheduler whose frames and tasks run when the test says. */
function manual() {
  const frames = new Map<number, () => void>();
  const tasks = new Map<number, () => void>();
  let next = 1;
  const scheduler: FrameScheduler = {
    requestAnimationFrame: (fn) => (frames.set(next, fn), next++),
    cancelAnimationFrame: (id) => void frames.delete(id),
    setTimeout: (fn) => (tasks.set(next, fn), next++),
    clearTimeout: (id) => void tasks.delete(id as number),
  };
  const run = (queue: Map<number, () => void>) => {
    const due = [...queue.values()];
    queue.clear();
    for (const fn of due) fn();
  };
  return { scheduler, frames, tasks, frame: () => run(frames), task: () => run(tasks) };
}

describe('afterNextFrame', () => {
  it('runs the work in a task queued by the next frame, not in the frame', () => {
    const m = manual();
    const ran: string[] = [];
    afterNextFrame(() => ran.push('work'), m.scheduler);
    m.task(); // a task before the frame: too early
    expect(ran).toEqual([]);
    m.frame();
    expect(ran).toEqual([]);
    expect(m.tasks.size).toBe(1);
    m.task();
    expect(ran).toEqual(['work']);
  });

  it('cancelled before the frame or between the frame and the task, it never runs', () => {
    for (const cancelAfterFrame of [false, true]) {
      const m = manual();
      let ran = false;
      const cancel = afterNextFrame(() => (ran = true), m.scheduler);
      if (cancelAfterFrame) m.frame();
      cancel();
      cancel(); // twice: no harm
      m.frame();
      m.task();
      expect(ran).toBe(false);
    }
  });
});
