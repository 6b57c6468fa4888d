import { describe, expect, it } from 'vitest';
import { createBrowserStore, type BrowserProcess, type ProcessLister } from './process-browser';
import { createAppStore } from './app-state';
import { BrowserController } from './browser-actions';
import { ProcessPoll, type Timers } from './process-poll';

const proc = (processId: string, startTime = '2026-01-01T00:00:00Z'): BrowserProcess => ({
  processId,
  exe: `/bin/${processId}`,
  computer: 'host',
  username: 'me',
  startTime,
  lastBlockTime: null,
  cpuBlocks: 1,
  totalBlocks: 2,
});

/** Timers run by hand: `tick()` fires what is due. */
function manualTimers() {
  const due: (() => void)[] = [];
  const timers: Timers = { set: (run) => due.push(run), clear: () => {} };
  return { timers, tick: () => due.splice(0).forEach((run) => run()), due };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('ProcessPoll', () => {
  it('marks processes that arrive after the first answer and reports them', async () => {
    let list = [proc('a')];
    const lister: ProcessLister = async () => list;
    const store = createBrowserStore();
    const arrived: string[][] = [];
    const { timers, tick, due } = manualTimers();
    const poll = new ProcessPoll(store, lister, (ids) => arrived.push(ids), timers);
    poll.start();
    await settle();
    expect(store.getState()).toMatchObject({ listed: true, newIds: [], status: 'idle' });
    expect(due).toHaveLength(1);
    list = [proc('b'), proc('a')];
    tick();
    await settle();
    expect(store.getState().processes.map((p) => p.processId)).toEqual(['b', 'a']);
    expect(store.getState().newIds).toEqual(['b']);
    expect(arrived).toEqual([['b']]);
    poll.markOpened('b');
    expect(store.getState().newIds).toEqual([]);
  });

  it('does not call processes new that a filter change brings into view', async () => {
    const all = [proc('a'), proc('b')];
    const lister: ProcessLister = async (f) => all.filter((p) => p.exe.includes(f.text));
    const store = createBrowserStore();
    const poll = new ProcessPoll(store, lister, () => {}, manualTimers().timers);
    poll.setFilter({ text: 'bin/a', beginIso: null, endIso: null });
    poll.start();
    await settle();
    expect(store.getState().processes.map((p) => p.processId)).toEqual(['a']);
    poll.setFilter({ text: '', beginIso: null, endIso: null });
    await settle();
    expect(store.getState()).toMatchObject({ newIds: [] });
    expect(store.getState().processes).toHaveLength(2);
  });

  it('stops when the source has no list, and says why a listing failed', async () => {
    const store = createBrowserStore();
    const { timers, due } = manualTimers();
    new ProcessPoll(
      store,
      async () => null,
      () => {},
      timers,
    ).start();
    await settle();
    expect(store.getState().status).toBe('unavailable');
    expect(due).toHaveLength(0);
    const failing = createBrowserStore();
    new ProcessPoll(
      failing,
      async () => Promise.reject(new Error('boom')),
      () => {},
      timers,
    ).start();
    await settle();
    expect(failing.getState()).toMatchObject({ status: 'error', error: 'boom' });
  });
});

/** A browser over a process list the test sets, recording what it opens. */
function browserSetup() {
  const app = createAppStore();
  const opened: string[] = [];
  const listed = { list: [] as BrowserProcess[] };
  const { timers, tick } = manualTimers();
  const actions = {
    openProcess: async (id: string) => void opened.push(id),
    openRemoteProcess: async () => {},
  };
  const browser = new BrowserController(app, actions, async () => listed.list, null, timers);
  return { app, opened, listed, tick, browser };
}

describe('BrowserController', () => {
  it('opens the first arrival on a waiting page, and only offers it otherwise', async () => {
    const { app, opened, listed, tick, browser } = browserSetup();
    app.setState({ live: 'waiting' });
    browser.start();
    await settle();
    listed.list = [proc('first')];
    tick();
    await settle();
    expect(opened).toEqual(['first']);
    expect(browser.store.getState().newIds).toEqual([]);
    app.setState({ live: 'following' });
    listed.list = [proc('second'), proc('first')];
    tick();
    await settle();
    expect(opened).toEqual(['first']);
    expect(browser.store.getState().newIds).toEqual(['second']);
  });

  it('opens a process that arrived before the page started waiting (sample still loading)', async () => {
    const { app, opened, listed, tick, browser } = browserSetup();
    browser.start(); // the page lists its server while the sample loads: live is still 'off'
    await settle();
    listed.list = [proc('early')];
    tick();
    await settle();
    expect(opened).toEqual([]);
    expect(browser.store.getState().newIds).toEqual(['early']);
    app.setState({ live: 'waiting' }); // the sample is shown: the page waits, and opens 'early'
    await settle();
    expect(opened).toEqual(['early']);
    expect(browser.store.getState().newIds).toEqual([]);
  });
});
