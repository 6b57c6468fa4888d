import { describe, expect, it } from 'vitest';
import { makeSpanTable } from '../model/testing';
import { nextTask } from '../base/time-slices';
import { whenDrawn } from './drawn';
import { createViewStore } from './view-state';

/** A timer that fires only when the test says so. */
function manualTimer() {
  const due = new Map<number, () => void>();
  let next = 0;
  return {
    setTimeout: (fn: () => void) => (due.set(++next, fn), next),
    clearTimeout: (id: unknown) => void due.delete(id as number),
    fireAll: () => [...due.values()].forEach((fn) => fn()),
    pending: () => due.size,
  };
}

const tableOf = (n: number) =>
  makeSpanTable(
    Array.from({ length: n }, (_, k) => ({
      spanId: k + 1,
      parentSpanId: 0,
      beginNs: k,
      endNs: k + 5,
    })),
  );

/** Whether `promise` has settled once everything queued has run. */
async function settled(promise: Promise<void>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  for (let k = 0; k < 3; k++) {
    await nextTask(); // whenDrawn resolves in a task after the frame
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return done;
}

describe('whenDrawn', () => {
  it('waits for a frame of the table shown, and only of that table', async () => {
    const view = createViewStore();
    const [table, other] = [tableOf(3), tableOf(4)];
    view.getState().setSpans(table, 'p');
    const timer = manualTimer();
    const waiting = whenDrawn(view, table, 1000, timer);
    view.setState({ drawn: other }); // a frame of the previous table
    expect(await settled(waiting)).toBe(false);
    view.setState({ drawn: table });
    expect(await settled(waiting)).toBe(true);
    expect(timer.pending()).toBe(0); // the cap is cleared
  });

  it('ends when the view moves to another table, at the cap, or at once', async () => {
    const view = createViewStore();
    const [table, other] = [tableOf(3), tableOf(4)];
    view.getState().setSpans(table, 'p');
    const timer = manualTimer();
    const replaced = whenDrawn(view, table, 1000, timer);
    view.getState().setSpans(other, 'q'); // no frame of `table` will come
    expect(await settled(replaced)).toBe(true);
    const capped = whenDrawn(view, other, 1000, timer); // a timeline that never draws
    expect(await settled(capped)).toBe(false);
    timer.fireAll();
    expect(await settled(capped)).toBe(true);
    view.setState({ drawn: other });
    expect(await settled(whenDrawn(view, other, 1000, timer))).toBe(true); // drawn already
    expect(await settled(whenDrawn(view, null, 1000, timer))).toBe(true); // nothing to draw
    expect(await settled(whenDrawn(view, table, 1000, timer))).toBe(true); // not shown
  });
});
