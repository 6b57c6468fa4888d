// "Open in Perfetto"'s decision, with a stand-in tab, message channel and clock: posted after the
// PING/PONG handshake, downloaded when no tab opens or none answers before the timeout. The clock
// is driven by the test (no real waits), so nothing depends on timing.
import { describe, expect, it } from 'vitest';
import {
  ANSWER_TIMEOUT_MS,
  PING_INTERVAL_MS,
  openOrDownload,
  type PerfettoEnv,
  type PerfettoTab,
} from './perfetto-open';

const TRACE = { bytes: new Uint8Array([1, 2, 3]), title: 'weft: demo', fileName: 'demo.pftrace' };
const UI = 'http://127.0.0.1:10000/perfetto/';

/** A manual clock and message channel; `tab` records what was posted to it. */
function fakeEnv(opens = true) {
  const posted: { message: unknown; origin: string }[] = [];
  const tab: PerfettoTab = { postMessage: (message, origin) => posted.push({ message, origin }) };
  let nowMs = 0;
  const timers = new Map<number, { atMs: number; everyMs: number | null; fire: () => void }>();
  const listeners = new Set<(m: { source: unknown; data: unknown }) => void>();
  let next = 0;
  const add = (ms: number, fire: () => void, every: boolean) => {
    const id = next++;
    timers.set(id, { atMs: nowMs + ms, everyMs: every ? ms : null, fire });
    return () => void timers.delete(id);
  };
  const env: PerfettoEnv = {
    open: () => (opens ? tab : null),
    listen: (listener) => (listeners.add(listener), () => void listeners.delete(listener)),
    every: (ms, tick) => add(ms, tick, true),
    after: (ms, done) => add(ms, done, false),
  };
  /** Moves the clock to `toMs`, firing due timers in order. */
  const advance = (toMs: number) => {
    for (;;) {
      const due = [...timers.entries()]
        .filter(([, t]) => t.atMs <= toMs)
        .sort((a, b) => a[1].atMs - b[1].atMs)[0];
      if (!due) break;
      const [id, timer] = due;
      nowMs = timer.atMs;
      if (timer.everyMs === null) timers.delete(id);
      else timer.atMs += timer.everyMs;
      timer.fire();
    }
    nowMs = toMs;
  };
  const send = (source: unknown, data: unknown) => listeners.forEach((l) => l({ source, data }));
  return { env, tab, posted, advance, send, timers, listeners };
}

describe('Open in Perfetto', () => {
  it('downloads the trace when no tab answers the PING before the timeout', async () => {
    const fake = fakeEnv();
    let downloads = 0;
    const outcome = openOrDownload(TRACE, UI, () => downloads++, fake.env);
    fake.advance(ANSWER_TIMEOUT_MS - 1);
    expect(downloads).toBe(0);
    const pings = Math.floor((ANSWER_TIMEOUT_MS - 1) / PING_INTERVAL_MS);
    expect(fake.posted).toEqual(
      Array.from({ length: pings }, () => ({ message: 'PING', origin: 'http://127.0.0.1:10000' })),
    );
    fake.send({}, 'PONG'); // another window's answer is not the tab's
    fake.advance(ANSWER_TIMEOUT_MS);
    expect(await outcome).toBe('no-answer');
    expect(downloads).toBe(1);
    expect(fake.posted.every((p) => p.message === 'PING')).toBe(true);
    expect(fake.timers.size).toBe(0); // pings stopped
    expect(fake.listeners.size).toBe(0);
  });

  it('posts the trace after PONG and downloads nothing', async () => {
    const fake = fakeEnv();
    let downloads = 0;
    const outcome = openOrDownload(TRACE, UI, () => downloads++, fake.env);
    fake.advance(3 * PING_INTERVAL_MS);
    fake.send(fake.tab, 'PONG');
    expect(await outcome).toBe('posted');
    const last = fake.posted.at(-1)!;
    expect(last.origin).toBe('http://127.0.0.1:10000');
    const { perfetto } = last.message as { perfetto: { buffer: ArrayBuffer; title: string } };
    expect([...new Uint8Array(perfetto.buffer)]).toEqual([...TRACE.bytes]);
    expect(perfetto.title).toBe(TRACE.title);
    fake.advance(ANSWER_TIMEOUT_MS * 2);
    expect(downloads).toBe(0);
    expect(fake.posted.filter((p) => p.message === 'PING')).toHaveLength(3);
  });

  it('downloads at once when no tab opens (a popup blocker) or the address is not a URL', async () => {
    let downloads = 0;
    expect(await openOrDownload(TRACE, UI, () => downloads++, fakeEnv(false).env)).toBe('no-tab');
    expect(await openOrDownload(TRACE, 'not a url', () => downloads++, fakeEnv().env)).toBe(
      'no-tab',
    );
    expect(downloads).toBe(2);
  });
});
