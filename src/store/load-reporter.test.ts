import { describe, expect, it } from 'vitest';
import { AppController } from './app-actions';
import { createAppStore } from './app-state';
import { appendIssues, EMPTY_ISSUES, ISSUES_LISTED, type IssueLog } from './load-reporter';
import { fakeFetch, FakeBackend } from './testing';
import { createViewStore } from './view-state';

const file = (path: string) => ({ kind: 'file' as const, file: new File([], path), path });

/** Drops `count` inputs, every one rejected (even: errors, odd: skipped files), and counts the
 * store's work: notifications (each one re-renders the status bar) and issue entries copied. */
async function dropRejected(count: number) {
  const app = createAppStore();
  const backend = new FakeBackend();
  const actions = new AppController(app, createViewStore(), backend, {
    fetch: fakeFetch({}),
    pageUrl: () => 'http://localhost/',
  });
  let index = 0;
  backend.onInput = (input, callbacks) => {
    const kind = index++ % 2 === 0 ? 'corrupt-block' : 'not-micromegas';
    callbacks.onIssue({ kind, fileName: input.path, reason: 'bad' });
  };
  let notifications = 0;
  let copied = 0;
  app.subscribe((s, prev) => {
    notifications++;
    if (s.issues.errorList !== prev.issues.errorList) copied += s.issues.errorList.length;
    if (s.issues.skippedList !== prev.issues.skippedList) copied += s.issues.skippedList.length;
  });
  const inputs = Array.from({ length: count }, (_, i) => file(`f${i}.bin`));
  await actions.openFiles(inputs);
  return { issues: app.getState().issues, notifications, copied };
}

describe('rejected inputs', () => {
  it('cost the store O(1) per input: 100k rejected files, a bounded number of updates', async () => {
    const small = await dropRejected(1_000);
    const large = await dropRejected(100_000);
    expect(large.issues).toMatchObject({ errors: 50_000, skipped: 50_000 });
    expect(large.issues.errorList).toHaveLength(ISSUES_LISTED);
    expect(large.issues.skippedList).toHaveLength(ISSUES_LISTED);
    expect(large.issues.errorList[1].fileName).toBe('f2.bin');
    // 100× the inputs: the same handful of store updates, and copies bounded by the listed cap.
    expect(large.notifications).toBeLessThanOrEqual(small.notifications + 2);
    expect(large.copied).toBeLessThanOrEqual(2 * ISSUES_LISTED * large.notifications);
  });

  it('keep exact counts past the listed cap and share unchanged lists', () => {
    const issue = (kind: string) => ({ kind, fileName: 'x', reason: 'r' });
    let log: IssueLog = EMPTY_ISSUES;
    for (let i = 0; i < ISSUES_LISTED + 5; i++) log = appendIssues(log, [issue('corrupt-block')]);
    const full = log.errorList;
    log = appendIssues(log, [issue('corrupt-block'), issue('not-micromegas')]);
    expect(log).toMatchObject({ errors: ISSUES_LISTED + 6, skipped: 1 });
    expect(log.errorList).toBe(full);
    expect(log.skippedList).toHaveLength(1);
  });

  it('add up the blocks and events they lost, past the listed cap too', () => {
    const lostBlock = (objects?: number) => ({
      kind: 'corrupt-block',
      fileName: 'b.cbor',
      reason: 'r',
      lost: objects === undefined ? { blocks: 1 } : { blocks: 1, objects },
    });
    const many = Array.from({ length: ISSUES_LISTED + 10 }, () => lostBlock(3));
    const log = appendIssues(appendIssues(EMPTY_ISSUES, many), [lostBlock(), lostBlock(7)]);
    expect(log.lost).toEqual({
      blocks: ISSUES_LISTED + 12,
      events: (ISSUES_LISTED + 10) * 3 + 7,
      blocksOfUnknownSize: 1,
    });
  });
});
