// The ingest protocol and the pool scheduler, driven in-process: in-process worker ports that
// answer after random delays (so workers finish out of order), a sink that records every call.
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, test } from 'vitest';
import { fixtureFiles } from '../db/testing';
import { expectedSummary } from '../decode/testing';
import { bytesSource, inlinePort, type IngestSink, type WorkerPort } from './ports';
import { transferablesOf, type FromWorker, type IngestEvent } from './protocol';
import { Scheduler } from './scheduler';
import { WorkerCore } from './worker-core';

/** A sink that records each call, rows by content, and counts the rows given per table. */
function recordingSink() {
  const calls: string[] = [];
  const rows = new Map<string, number>();
  const sink: IngestSink = {
    async insert(table, ipc) {
      const table_ = tableFromIPC(ipc);
      const content = table_.toArray().map((r) => r.toJSON());
      calls.push(`${table} ${JSON.stringify(content, (_k, v) => String(v))}`);
      rows.set(table, (rows.get(table) ?? 0) + table_.numRows);
    },
    async replaceSpans(processKey, ipc) {
      calls.push(`spans of ${processKey}`);
      await sink.insert('weft_spans', ipc);
    },
    async setTimeConverter(processId, frequency) {
      calls.push(`converter ${processId} ${frequency}`);
    },
    async finish() {
      calls.push('finish');
    },
  };
  return { sink, calls, rows };
}

function randomDelays(seed: number): () => number {
  return () => ((seed = (seed * 16807) % 2147483647) % 4) / 2;
}

async function run(files: [string, Uint8Array][], workers: number, seed: number) {
  const { sink, calls, rows } = recordingSink();
  const ports = Array.from({ length: workers }, () => inlinePort(randomDelays(seed + workers)));
  const events: IngestEvent[] = [];
  const scheduler = new Scheduler(ports, sink, (e) => events.push(e));
  const summary = await scheduler.add(files.map(([p, b]) => bytesSource(p, b)));
  scheduler.terminate();
  return { calls, events, summary, rows };
}

describe('merge order', () => {
  test.each(['natural', 'blocks-first'] as const)(
    '%s: the sink sees the same calls whatever the pool size and timing',
    async (order) => {
      const files = fixtureFiles('unclosed', order);
      const reference = await run(files, 1, 1);
      expect(reference.summary.waiting).toEqual([]);
      const unclosed = expectedSummary('unclosed');
      expect(reference.rows.get('weft_events')).toBe(unclosed.async_events_total);
      expect(reference.rows.get('weft_spans')).toBe(unclosed.distinct_span_ids);
      for (const [workers, seed] of [
        [2, 5],
        [3, 11],
        [4, 23],
      ]) {
        expect((await run(files, workers, seed)).calls).toEqual(reference.calls);
      }
    },
  );

  test('progress counts every file, byte and block, then completes', async () => {
    const files = fixtureFiles('mixed');
    const { events, summary } = await run(files, 3, 7);
    const progress = events.filter((e) => e.type === 'progress').map((e) => e.progress);
    // held blocks report too, with nothing done yet: each file is done once, in turn
    const filesDone = [...new Set(progress.map((p) => p.filesDone))].filter((n) => n > 0);
    expect(filesDone).toEqual(files.map((_, i) => i + 1));
    const bytes = files.reduce((n, [, b]) => n + b.byteLength, 0);
    expect(summary.progress).toMatchObject({
      filesDone: files.length,
      filesTotal: files.length,
      bytesDone: bytes,
      bytesTotal: bytes,
      blocksDone: 19,
      blocksSeen: 19,
      currentFile: '',
    });
    expect(events.at(-1)).toEqual({ type: 'complete', summary });
  });

  test('a block held for its stream is done when it is merged, not when it is held', async () => {
    const files = fixtureFiles('unclosed', 'blocks-first');
    const { events, summary } = await run(files, 2, 3);
    const progress = events.filter((e) => e.type === 'progress').map((e) => e.progress);
    const total = summary.progress.bytesTotal;
    // every block came before its stream: held, then decoded again once its stream is merged
    const held = progress.filter((p, i) => i > 0 && p.filesDone === progress[i - 1].filesDone);
    expect(held.length).toBeGreaterThan(0);
    for (const p of progress) {
      expect(p.bytesDone).toBeLessThanOrEqual(total);
      if (p.bytesDone === total) expect(p.blocksDone).toBe(summary.progress.blocksDone);
    }
    expect(summary.progress).toMatchObject({ filesDone: files.length, bytesDone: total });
  });

  test('merged is told before the sink is given the spans, the columns already complete', async () => {
    const { sink, calls } = recordingSink();
    const ports = [inlinePort(randomDelays(3)), inlinePort(randomDelays(4))];
    const processId = expectedSummary('unclosed').process_id;
    let atMerged: { calls: string[]; spanIds: bigint[] } | null = null;
    const scheduler = new Scheduler(ports, sink, (e) => {
      if (e.type !== 'merged') return;
      const spans = scheduler.processSpans(processId).spans;
      atMerged = { calls: [...calls], spanIds: [...spans.spanId.subarray(0, spans.length)] };
    });
    await scheduler.add(fixtureFiles('unclosed').map(([p, b]) => bytesSource(p, b)));
    const spans = scheduler.processSpans(processId).spans;
    scheduler.terminate();
    expect(atMerged!.calls.some((c) => c.startsWith('spans of'))).toBe(false);
    expect(calls.some((c) => c.startsWith('spans of'))).toBe(true);
    expect(atMerged!.spanIds).toEqual([...spans.spanId.subarray(0, spans.length)]);
    expect(atMerged!.spanIds).toHaveLength(expectedSummary('unclosed').distinct_span_ids);
  });
});

describe('loads that change while running', () => {
  test('a load added during another appends; both resolve when all is merged', async () => {
    const { sink, calls, rows } = recordingSink();
    const scheduler = new Scheduler([inlinePort(), inlinePort()], sink, () => {});
    const files = fixtureFiles('small').map(([p, b]) => bytesSource(p, b));
    const first = scheduler.add(files.slice(0, 8));
    const second = scheduler.add(files.slice(8));
    const [a, b] = await Promise.all([first, second]);
    expect(a).toEqual(b);
    expect(a.progress.filesDone).toBe(files.length);
    expect(calls.filter((c) => c === 'finish').length).toBeGreaterThanOrEqual(1);
    expect(rows.get('blocks')).toBe(14);
  });

  test('cancel drops what is not merged; loading again brings every block', async () => {
    const { sink, rows } = recordingSink();
    const scheduler = new Scheduler([inlinePort(() => 1), inlinePort(() => 1)], sink, () => {});
    const sources = fixtureFiles('small', 'blocks-first').map(([p, b]) => bytesSource(p, b));
    const cancelled = scheduler.add(sources);
    scheduler.cancel();
    expect((await cancelled).cancelled).toBe(true);
    const again = await scheduler.add(sources);
    expect(again.cancelled).toBe(false);
    expect(again.waiting).toEqual([]);
    expect(rows.get('blocks')).toBe(14);
  });

  test('an unreadable source is reported by name, the rest loads', async () => {
    const { sink, rows } = recordingSink();
    const scheduler = new Scheduler([inlinePort()], sink, () => {});
    const broken = { path: 'gone.cbor', read: () => Promise.reject(new Error('404 Not Found')) };
    const files = fixtureFiles('small').map(([p, b]) => bytesSource(p, b));
    const summary = await scheduler.add([broken, ...files]);
    expect(summary.rejected).toEqual([
      {
        kind: 'unreadable',
        fileName: 'gone.cbor',
        reason: 'Error: 404 Not Found',
        message: 'gone.cbor: cannot read: Error: 404 Not Found',
      },
    ]);
    expect(rows.get('blocks')).toBe(14);
    expect(rows.get('weft_events')).toBe(expectedSummary('small').async_events_total);
  });

  test('a worker crash is an error event and does not stop the load', async () => {
    const crashing: WorkerPort = {
      post(message) {
        if (message.type !== 'task') return;
        const reply: FromWorker = { type: 'crash', taskId: message.taskId, message: 'boom' };
        queueMicrotask(() => handler(reply));
      },
      onReply: (h) => (handler = h),
      terminate() {},
    };
    let handler: (reply: FromWorker) => void = () => {};
    const events: IngestEvent[] = [];
    const scheduler = new Scheduler([crashing], recordingSink().sink, (e) => events.push(e));
    const summary = await scheduler.add([bytesSource('x.cbor', new Uint8Array([1]))]);
    expect(events.filter((e) => e.type === 'error')).toEqual([{ type: 'error', message: 'boom' }]);
    expect(summary.progress.filesDone).toBe(1);
  });
});

describe('worker core and protocol', () => {
  test('a worker learns streams from broadcasts only, never from files it parsed', () => {
    const core = new WorkerCore();
    const files = fixtureFiles('small');
    const [streamPath, streamBytes] = files.find(([p]) => p.startsWith('streams/'))!;
    const streamId = streamPath.slice(8, -5);
    const [blockPath, blockBytes] = files.find(([p]) => p.startsWith(`blocks/${streamId}`))!;
    const parsed = core.handle({
      type: 'task',
      taskId: 1,
      fileName: streamPath,
      bytes: streamBytes,
    });
    expect(parsed?.type === 'result' && parsed.outcome.kind).toBe('stream');
    const task = { type: 'task', taskId: 2, fileName: blockPath, bytes: blockBytes } as const;
    const deferred = core.handle(task);
    expect(deferred?.type === 'result' && deferred.outcome.kind).toBe('deferred');
    if (parsed?.type === 'result' && parsed.outcome.kind === 'stream') {
      core.handle({ type: 'stream', stream: parsed.outcome.stream });
    }
    const decoded = core.handle({ ...task, taskId: 3 });
    expect(decoded?.type === 'result' && decoded.outcome.kind).toBe('block');
    expect(transferablesOf(decoded!)).toHaveLength(6); // the six event columns
  });

  test('every message carrying bytes lists them for transfer', () => {
    const bytes = new Uint8Array(8);
    expect(transferablesOf({ type: 'task', taskId: 1, fileName: 'f', bytes })).toEqual([
      bytes.buffer,
    ]);
    expect(transferablesOf({ type: 'reset' })).toEqual([]);
  });
});

describe('rows held from the merged event', () => {
  test('the sink gets no row of the step until the hold settles, then the same calls', async () => {
    const files = fixtureFiles('unclosed');
    const reference = await run(files, 1, 1);
    const { sink, calls } = recordingSink();
    let release = () => {};
    const events: IngestEvent[] = [];
    let callsAtMerged = -1;
    const scheduler = new Scheduler([inlinePort()], sink, (e) => {
      events.push(e);
      if (e.type !== 'merged') return;
      callsAtMerged = calls.length;
      scheduler.holdRows(new Promise<void>((resolve) => (release = resolve)));
    });
    const done = scheduler.add(files.map(([p, b]) => bytesSource(p, b)));
    while (callsAtMerged < 0) await new Promise((r) => setTimeout(r, 1));
    for (let turn = 0; turn < 20; turn++) await new Promise((r) => setTimeout(r, 0));
    expect(calls.length).toBe(callsAtMerged); // held: nothing given since the merge
    expect(events.some((e) => e.type === 'complete')).toBe(false);
    release();
    await done;
    scheduler.terminate();
    expect(calls).toEqual(reference.calls);
  });
});
