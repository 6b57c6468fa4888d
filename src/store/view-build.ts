// What the view worker computes for one process, also callable on this thread: the span table
// from ingest's columns, its unfiltered lane layout and thread events, span tree and self times;
// and the byte buffers to
// transfer with each message. No React, no DOM.
import { layoutLanes } from '../model/lanes';
import { selfTimesNs } from '../model/self-time';
import type { SpanTable } from '../model/span-table';
import { threadEvents } from '../model/thread-events';
import { buildSpanTree } from '../model/tree';
import type { ViewParts } from '../model/view-cache';
import { spanTableFromColumns, type SpanColumnsInput } from '../queries/span-table-columns';

export interface BuiltView extends ViewParts {
  table: SpanTable;
}

export function buildView(input: SpanColumnsInput): BuiltView {
  const table = spanTableFromColumns(input);
  const tree = buildSpanTree(table);
  const selfNs = selfTimesNs(table, tree);
  return { table, layout: layoutLanes(table), events: threadEvents(table), tree, selfNs };
}

/** The distinct buffers of the typed arrays in `values` and in their members, 4 levels deep. */
export function buffersOf(...values: object[]): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  const visit = (v: unknown, depth: number) => {
    if (ArrayBuffer.isView(v)) out.add(v.buffer as ArrayBuffer);
    else if (depth > 0 && v && typeof v === 'object')
      for (const member of Object.values(v)) visit(member, depth - 1);
  };
  for (const v of values) visit(v, 4); // view → events → begins → [t] → timesNs
  return [...out];
}

/** The input with its typed arrays copied to their length (views of ingest's growing arrays). */
export function detachedInput(input: SpanColumnsInput): SpanColumnsInput {
  const s = input.spans;
  const n = s.length;
  return {
    ...input,
    spans: {
      length: n,
      spanId: s.spanId.slice(0, n),
      parentSpanId: s.parentSpanId.slice(0, n),
      depth: s.depth.slice(0, n),
      scopeKey: s.scopeKey.slice(0, n),
      beginTicks: s.beginTicks.slice(0, n),
      endTicks: s.endTicks.slice(0, n),
      beginBlock: s.beginBlock.slice(0, n),
      endBlock: s.endBlock.slice(0, n),
      begins: s.begins.slice(0, n),
      ends: s.ends.slice(0, n),
    },
  };
}
