// The view a worker builds (view-build.ts) crosses a thread as a structured clone with its
// buffers transferred: it must arrive equal to what this thread computes, and the main thread's
// panels must find the parts computed ahead instead of computing them again.
import { describe, expect, it } from 'vitest';
import { Scheduler } from '../ingest/scheduler';
import { inlinePort, metadataFirst, bytesSource } from '../ingest/ports';
import { layoutLanes } from '../model/lanes';
import { spanParents } from '../model/span-parents';
import { threadEvents } from '../model/thread-events';
import { laneLayoutOf, threadEventsOf, treePartsOf } from '../model/view-cache';
import { fixtureFiles } from '../db/testing';
import { expectedSummary } from '../decode/testing';
import { spanTableFromColumns } from '../queries/span-table-columns';
import { spanColumnsInput } from './capture-backend';
import { buffersOf, buildView, detachedInput } from './view-build';
import { buildSpanTable } from './view-builder';

async function mergedInput(name: string) {
  const idle = {
    insert: async () => {},
    replaceSpans: async () => {},
    setTimeConverter: async () => {},
    finish: async () => {},
  };
  const scheduler = new Scheduler([inlinePort()], idle, () => {});
  const files = fixtureFiles(name).map(([path, bytes]) => bytesSource(path, bytes));
  await scheduler.add(metadataFirst(files));
  return spanColumnsInput(scheduler.processSpans(expectedSummary(name).process_id));
}

describe('the view built off the main thread', () => {
  it('arrives equal to what this thread computes, every buffer transferred', async () => {
    const input = await mergedInput('unclosed');
    const detached = detachedInput(input);
    expect(detached.spans.spanId.buffer).not.toBe(input.spans.spanId.buffer);
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
    // nothing was copied: every typed array of the view went with the transfer
    expect(view.table.beginNs.byteLength).toBe(0);
    expect(view.events.begins.every((list) => list.timesNs.byteLength === 0)).toBe(true);
    expect(view.tree.childIndex.byteLength).toBe(0);
  });

  it('is found again by the table, and only for the unfiltered view', async () => {
    const table = await buildSpanTable(await mergedInput('unclosed'));
    expect(table.length).toBe(expectedSummary('unclosed').distinct_span_ids);
    const layout = laneLayoutOf(table, null);
    expect(laneLayoutOf(table, null)).toBe(layout);
    expect(threadEventsOf(table, null)).toBe(threadEventsOf(table, null));
    expect(treePartsOf(table)?.tree.parentIndex).toBe(spanParents(table));
    const some = new Uint8Array(table.length).fill(1);
    expect(laneLayoutOf(table, some)).not.toBe(layout);
    expect(laneLayoutOf(table, some)).toEqual(layout);
  });
});
