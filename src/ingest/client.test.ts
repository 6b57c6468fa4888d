// The main-thread client with stand-in Web Workers (the worker core behind a fake Worker that
// answers asynchronously), inputs of every kind, abort, and a worker that dies.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, test } from 'vitest';
import { fixtureFiles } from '../db/testing';
import { expectedSummary } from '../decode/testing';
import { createIngestClient, webWorkerPort, type WorkerLike } from './client';
import type { IngestSink } from './ports';
import type { FromWorker, IngestEvent, ToWorker } from './protocol';
import { decodeAll, WorkerCore } from './worker-core';

/** A Worker stand-in running the worker core; it checks that task bytes were transferred. */
function fakeWorker(): WorkerLike & { transferred: number; tasks: number; replies: number } {
  const core = new WorkerCore();
  const worker = {
    transferred: 0,
    tasks: 0,
    replies: 0,
    onmessage: null as WorkerLike['onmessage'],
    onerror: null as WorkerLike['onerror'],
    postMessage(message: ToWorker, transfer: Transferable[]) {
      if (message.type === 'task' && transfer[0] === message.bytes.buffer) worker.transferred++;
      if (message.type === 'task') worker.tasks++;
      setTimeout(() => {
        const reply = core.handle(message);
        if (reply) worker.replies++;
        if (reply) worker.onmessage?.({ data: reply } as MessageEvent<FromWorker>);
      }, 0);
    },
    terminate() {},
  };
  return worker;
}

function countingSink() {
  const rows = new Map<string, number>();
  const sink: IngestSink = {
    insert: async (table, ipc) => {
      rows.set(table, (rows.get(table) ?? 0) + tableFromIPC(ipc).numRows);
    },
    replaceSpans: async (_key, ipc) => void sink.insert('weft_spans', ipc),
    setTimeConverter: async () => {},
    finish: async () => {},
  };
  return { sink, rows };
}

describe('createIngestClient', () => {
  test('loads files, URLs and bytes through a pool, bytes transferred', async () => {
    const { sink, rows } = countingSink();
    const workers: ReturnType<typeof fakeWorker>[] = [];
    const files = fixtureFiles('small', 'blocks-first');
    const served = new Map(files.map(([p, b]) => [`http://x/${p}`, b]));
    const client = createIngestClient({
      sink,
      workers: 3,
      createWorker: () => {
        workers.push(fakeWorker());
        return workers.at(-1)!;
      },
      fetch: async (url) => new Response(served.get(url) as Uint8Array<ArrayBuffer>),
    });
    const inputs = files.map(([path, bytes], i) =>
      i % 3 === 0
        ? { kind: 'file' as const, file: new Blob([bytes as Uint8Array<ArrayBuffer>]), path }
        : i % 3 === 1
          ? { kind: 'url' as const, url: `http://x/${path}`, path }
          : { kind: 'bytes' as const, bytes, path },
    );
    const events: IngestEvent[] = [];
    const summary = await client.load(inputs, { onEvent: (e) => events.push(e) });
    expect(summary.rejected).toEqual([]);
    expect(summary.waiting).toEqual([]);
    const small = expectedSummary('small');
    expect(rows.get('blocks')).toBe(small.blocks_total);
    expect(rows.get('weft_events')).toBe(small.async_events_total);
    expect(rows.get('weft_spans')).toBe(small.distinct_span_ids);
    expect(workers).toHaveLength(3);
    expect(workers.reduce((n, w) => n + w.transferred, 0)).toBeGreaterThanOrEqual(files.length);
    expect(events.at(-1)?.type).toBe('complete');
    client.dispose();
  });

  test('a warm-up before a load answers nothing and leaves the load as it was', async () => {
    const { sink, rows } = countingSink();
    const workers: ReturnType<typeof fakeWorker>[] = [];
    const client = createIngestClient({
      sink,
      workers: 2,
      createWorker: () => {
        workers.push(fakeWorker());
        return workers.at(-1)!;
      },
    });
    // the warm-up decodes the very files loaded next, on cores of their own: nothing is merged
    client.warmUp(fixtureFiles('small').map(([path, bytes]) => ({ path, bytes })));
    const inputs = fixtureFiles('small', 'blocks-first').map(([path, bytes]) => ({
      kind: 'bytes' as const,
      bytes,
      path,
    }));
    const summary = await client.load(inputs);
    const small = expectedSummary('small');
    expect(summary.rejected).toEqual([]);
    expect(rows.get('processes')).toBe(1);
    expect(rows.get('streams')).toBe(small.streams_total);
    expect(rows.get('blocks')).toBe(small.blocks_total);
    expect(rows.get('weft_events')).toBe(small.async_events_total);
    expect(rows.get('weft_spans')).toBe(small.distinct_span_ids);
    for (const worker of workers) expect(worker.replies).toBe(worker.tasks);
    client.dispose();
  });

  test('a failed fetch is an unreadable input', async () => {
    const client = createIngestClient({
      sink: countingSink().sink,
      workers: 1,
      createWorker: fakeWorker,
      fetch: async () => new Response('nope', { status: 404, statusText: 'Not Found' }),
    });
    const summary = await client.load([{ kind: 'url', url: 'http://x/a.cbor', path: 'a.cbor' }]);
    expect(summary.rejected.map((r) => r.message)).toEqual([
      'a.cbor: cannot read: Error: HTTP 404 Not Found',
    ]);
  });

  test('an aborted signal cancels the load', async () => {
    const client = createIngestClient({
      sink: countingSink().sink,
      workers: 2,
      createWorker: fakeWorker,
    });
    const controller = new AbortController();
    controller.abort();
    const inputs = fixtureFiles('small').map(([path, bytes]) => ({
      kind: 'bytes' as const,
      bytes,
      path,
    }));
    expect((await client.load(inputs, { signal: controller.signal })).cancelled).toBe(true);
  });
});

test("a warm-up decodes on a core of its own: the worker's streams are untouched", () => {
  const files = fixtureFiles('small', 'blocks-first');
  const core = new WorkerCore();
  const warm = files.map(([path, bytes]) => ({ path, bytes }));
  expect(core.handle({ type: 'warm-up', files: warm, passes: 2 })).toBeUndefined();
  const [path, bytes] = files[0];
  expect(path).toMatch(/^blocks\//);
  const reply = core.handle({ type: 'task', taskId: 1, fileName: path, bytes });
  expect(reply?.type === 'result' && reply.outcome.kind).toBe('deferred');
});

test('decodeAll decodes every event, streams after their blocks or not', () => {
  const small = expectedSummary('small');
  for (const order of ['natural', 'blocks-first'] as const) {
    const files = fixtureFiles('small', order).map(([path, bytes]) => ({ path, bytes }));
    expect(decodeAll(files)).toBe(small.async_events_total);
  }
});

test('a worker that dies fails its unanswered tasks as crashes', () => {
  const worker = fakeWorker();
  worker.postMessage = () => {};
  const port = webWorkerPort(worker);
  const replies: FromWorker[] = [];
  port.onReply((r) => replies.push(r));
  port.post({ type: 'task', taskId: 7, fileName: 'f', bytes: new Uint8Array(1) });
  worker.onerror?.({ message: 'out of memory' } as ErrorEvent);
  expect(replies).toEqual([
    { type: 'crash', taskId: 7, message: 'decode worker failed: out of memory' },
  ]);
});

test('the worker entry and all it imports type-check without DOM types', () => {
  const tsc = join(import.meta.dirname, '../../node_modules/typescript/bin/tsc');
  const config = join(import.meta.dirname, 'tsconfig.worker.json');
  expect(() => execFileSync(process.execPath, [tsc, '--noEmit', '-p', config])).not.toThrow();
});
