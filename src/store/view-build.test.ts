// The view a worker builds (view-build.ts) crosses a thread as a structured clone with its
// buffers transferred: it must arrive equal to what this thread computes, and the main thread's
// panels must find the parts computed ahead instead of computing them again. The thread events
// come in a second message: until then the unfiltered view has none, and nothing computes them.
import { describe, expect, it } from 'vitest';
import { Scheduler } from '../ingest/scheduler';
import { inlinePort, metadataFirst, bytesSource } from '../ingest/ports';
import { layoutLanes } from '../model/lanes';
import { NAME_SLOTS, nameSlots } from '../model/name-colours';
import { spanParents } from '../model/span-parents';
import { threadEvents } from '../model/thread-events';
import {
  laneLayoutOf,
  nameSlotsOf,
  subscribeViewParts,
  threadEventsOf,
  threadEventsPending,
  threadEventsSettled,
  treePartsOf,
} from '../model/view-cache';
import { selfTimesNs } from '../model/self-time';
import { buildSpanTree } from '../model/tree';
import { fixtureFiles } from '../db/testing';
import { expectedSummary } from '../decode/testing';
import { spanTableFromColumns } from '../queries/span-table-columns';
import { spanColumnsInput } from './capture-backend';
import { runInSlices } from '../base/time-slices';
import { SPAN_ORPHAN_END } from '../model/span-table';
import {
  begunRows,
  buffersOf,
  buildView,
  detachedInput,
  detachedInputSteps,
  postViewBuild,
  type ViewMessage,
} from './view-build';
import { buildInWorker, buildSpanTable, type ViewWorker } from './view-builder';
import { previewWindow } from './preview';
import type { SpanColumnsInput } from '../queries/span-table-columns';

/**
 * A worker that builds on this thread: every message crosses as a structured clone with its
 * buffers transferred, and the worker's messages wait until `deliver` hands over the next.
 */
class FakeWorker implements ViewWorker {
  onmessage: ViewWorker['onmessage'] = null;
  onerror: ViewWorker['onerror'] = null;
  terminated = false;
  readonly outbox: ViewMessage[] = [];

  postMessage(message: SpanColumnsInput, transfer: ArrayBuffer[]): void {
    const input = structuredClone(message, { transfer });
    postViewBuild(input, (out, buffers) =>
      this.outbox.push(structuredClone(out, { transfer: buffers })),
    );
  }

  deliver(): void {
    this.onmessage?.({ data: this.outbox.shift()! });
  }

  terminate(): void {
    this.terminated = true;
  }
}

/** The spans of `name` merged: every file, or its metadata and the first half of its blocks. */
async function mergedInput(name: string, part: 'all' | 'half' = 'all') {
  const idle = {
    insert: async () => {},
    replaceSpans: async () => {},
    setTimeConverter: async () => {},
    finish: async () => {},
  };
  const scheduler = new Scheduler([inlinePort()], idle, () => {});
  const files = metadataFirst(fixtureFiles(name).map(([path, bytes]) => bytesSource(path, bytes)));
  const blocks = files.filter((f) => f.path.includes('blocks/'));
  const half = new Set(blocks.slice(0, blocks.length >> 1));
  await scheduler.add(
    part === 'all' ? files : files.filter((f) => !blocks.includes(f) || half.has(f)),
  );
  return spanColumnsInput(scheduler.processSpans(expectedSummary(name).process_id));
}

describe('a preview of a load under way', () => {
  it('keeps a copy of exactly the rows whose begin is merged, in order', async () => {
    const input = await mergedInput('medium', 'half');
    const s = input.spans;
    const kept = Array.from({ length: s.length }, (_, i) => i).filter((i) => s.begins[i] > 0);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(s.length); // half the blocks: some ends came without begins
    const preview = begunRows(input);
    expect(preview.spans.length).toBe(kept.length);
    const columns = [
      ...['spanId', 'parentSpanId', 'depth', 'scopeKey', 'beginTicks', 'endTicks'],
      ...['beginBlock', 'endBlock', 'begins', 'ends'],
    ] as const;
    const values = (a: ArrayLike<number | bigint>, at?: number[]) =>
      at ? at.map((i) => a[i]) : Array.from({ length: a.length }, (_, i) => a[i]);
    for (const name of columns) {
      expect(values(preview.spans[name])).toEqual(values(s[name], kept));
      expect(preview.spans[name].buffer).not.toBe(s[name].buffer);
    }
    const table = spanTableFromColumns(preview);
    expect(table.length).toBe(kept.length);
    expect(table.state.includes(SPAN_ORPHAN_END)).toBe(false);
    // the same spans as the whole half-merged table, but its orphan ends
    const whole = spanTableFromColumns(input);
    const begun = new Set<bigint>();
    for (let i = 0; i < whole.length; i++)
      if (whole.state[i] !== SPAN_ORPHAN_END) begun.add(whole.spanId[i]);
    expect(new Set(table.spanId)).toEqual(begun);
    // its window reaches the last begin (previewWindow reads the last row: rows are by begin)
    const lastBeginNs = table.beginNs.reduce((a, b) => Math.max(a, b), table.captureBeginNs);
    const window = previewWindow(table);
    expect(window.endNs).toBeGreaterThan(lastBeginNs);
    expect(window.endNs - lastBeginNs).toBe(table.captureBeginNs - window.startNs); // the pad
  });
});

describe('the view built off the main thread', () => {
  it('arrives equal to what this thread computes, every buffer transferred', async () => {
    const input = await mergedInput('unclosed');
    const detached = detachedInput(input);
    expect(detached.spans.spanId.buffer).not.toBe(input.spans.spanId.buffer);
    // copied a column per step across tasks: the same copy
    expect(await runInSlices(detachedInputSteps(input))).toEqual(detached);
    // the worker's input and output both cross by transfer, leaving nothing shared behind
    const sent = structuredClone(detached, { transfer: buffersOf(detached.spans) });
    expect(detached.spans.spanId.byteLength).toBe(0);
    const view = buildView(sent);
    const expected = spanTableFromColumns(input);
    const received = structuredClone(view, { transfer: buffersOf(view) });
    expect(received.table).toEqual(expected);
    expect(received.layout).toEqual(layoutLanes(expected));
    expect(received.events).toEqual(threadEvents(expected));
    expect(received.tree.parentIndex).toEqual(spanParents(expected));
    expect(received.nameSlots).toEqual(nameSlots(expected, NAME_SLOTS));
    // nothing was copied: every typed array of the view went with the transfer
    expect(view.table.beginNs.byteLength).toBe(0);
    expect(view.events.begins.every((list) => list.timesNs.byteLength === 0)).toBe(true);
    expect(view.tree.childIndex.byteLength).toBe(0);
  });

  it('copies ingest’s columns a slice per step, the same copy as at once', async () => {
    const input = await mergedInput('unclosed');
    const n = input.spans.length;
    let steps = 0;
    const stepped = detachedInputSteps(input, 100);
    for (let step = stepped.next(); ; step = stepped.next(), steps++) {
      if (!step.done) continue;
      expect(step.value).toEqual(detachedInput(input));
      break;
    }
    expect(steps).toBe(10 * Math.ceil(n / 100)); // ten columns, n values each
  });

  it('is found again by the table, and only for the unfiltered view', async () => {
    const table = await buildSpanTable(await mergedInput('unclosed'));
    expect(table.length).toBe(expectedSummary('unclosed').distinct_span_ids);
    const layout = laneLayoutOf(table, null);
    expect(laneLayoutOf(table, null)).toBe(layout);
    expect(threadEventsOf(table, null)).toBe(threadEventsOf(table, null));
    expect(treePartsOf(table)?.tree.parentIndex).toBe(spanParents(table));
    expect(nameSlotsOf(table)).toEqual(nameSlots(table, NAME_SLOTS));
    const some = new Uint8Array(table.length).fill(1);
    expect(laneLayoutOf(table, some)).not.toBe(layout);
    expect(laneLayoutOf(table, some)).toEqual(layout);
  });

  it('hands the table out with the first message, its thread events with the second', async () => {
    const input = await mergedInput('unclosed');
    const expected = spanTableFromColumns(input);
    const worker = new FakeWorker();
    const built = buildInWorker(worker, input);
    expect(worker.outbox.map((m) => m.kind)).toEqual(['first', 'events']);
    worker.deliver();
    const table = await built;
    expect(table).toEqual(expected);
    expect(laneLayoutOf(table, null)).toEqual(layoutLanes(expected));
    const tree = buildSpanTree(expected);
    expect(treePartsOf(table)?.tree).toEqual(tree);
    expect(treePartsOf(table)?.selfNs).toEqual(selfTimesNs(expected, tree));
    // meanwhile: no thread events for the unfiltered view, the same empty lists each time
    expect(threadEventsPending(table)).toBe(true);
    const waiting = threadEventsOf(table, null);
    expect(threadEventsOf(table, null)).toBe(waiting);
    expect(waiting.begins).toHaveLength(table.threads.length);
    expect([...waiting.begins, ...waiting.ends].every((l) => l.spans.length === 0)).toBe(true);
    expect(worker.terminated).toBe(false);
    let heard = 0;
    const stop = subscribeViewParts(() => heard++);
    worker.deliver();
    await threadEventsSettled(table);
    stop();
    expect(heard).toBe(1);
    expect(worker.terminated).toBe(true);
    expect(threadEventsPending(table)).toBe(false);
    expect(threadEventsOf(table, null)).toEqual(threadEvents(expected));
    expect(threadEventsOf(table, null).begins.some((l) => l.spans.length > 0)).toBe(true);
  });

  it('rejects when the build fails before its first message', async () => {
    const worker = new FakeWorker();
    const input = await mergedInput('unclosed');
    const broken = { ...input, cpuStreams: null }; // the worker's build throws on it
    const built = buildInWorker(worker, broken as unknown as SpanColumnsInput);
    expect(worker.outbox.map((m) => m.kind)).toEqual(['error']);
    worker.deliver();
    await expect(built).rejects.toThrow();
    expect(worker.terminated).toBe(true);
  });

  it('ends the worker at once when its build is cancelled (a preview the full view outran)', async () => {
    const worker = new FakeWorker();
    const cancel = new AbortController();
    const built = buildInWorker(worker, await mergedInput('unclosed'), cancel.signal);
    cancel.abort();
    await expect(built).rejects.toThrow('cancelled');
    expect(worker.terminated).toBe(true);
  });
});
