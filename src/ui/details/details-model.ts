// What the details panel lists for one span: labelled values (each with the exact text a copy
// button copies), the parent row (a link), the whole as JSON, and the critical path's links with
// how long each was waited on. Exact: span ids as decimal 64-bit integers, absolute times as
// RFC 3339 UTC with 9 fraction digits and as epoch ns. No React, no DOM.
import { formatEpochNs, formatDurationNs } from '../../base/time';
import { spanBasis } from '../../model/analysis';
import { criticalPath } from '../../model/critical-path';
import { SPAN_COMPLETE, SPAN_OPEN, SPAN_ORPHAN_END, type SpanTable } from '../../model/span-table';
import { childCount } from '../../model/tree';

export interface DetailItem {
  key: string;
  label: string;
  /** What the panel shows. */
  text: string;
  /** What the copy button copies (exact). */
  copy: string;
}

export interface CriticalItem {
  row: number;
  name: string;
  spanId: string;
  waited: string;
  tail: string;
}

export interface SpanDetails {
  items: DetailItem[];
  /** Row of the parent span, or -1 (a root, or its parent is not loaded). */
  parentRow: number;
  json: string;
  critical: CriticalItem[];
}

const STATE_TEXT = {
  [SPAN_COMPLETE]: 'complete',
  [SPAN_OPEN]: 'open',
  [SPAN_ORPHAN_END]: 'orphan end',
};

function threadText(table: SpanTable, thread: number): string {
  return thread >= 0 && thread < table.threads.length
    ? `${table.threads[thread].name} (${table.threads[thread].streamId})`
    : '— (not seen)';
}

/** Absolute and relative time of an event, or "not seen". */
function timeItems(table: SpanTable, key: string, label: string, ns: number, seen: boolean) {
  if (!seen) return [{ key, label, text: 'not seen', copy: '' }];
  const epochNs = table.originNs + BigInt(Math.round(ns));
  return [
    { key, label, text: formatEpochNs(epochNs), copy: formatEpochNs(epochNs) },
    {
      key: `${key}EpochNs`,
      label: `${label} (epoch ns)`,
      text: String(epochNs),
      copy: String(epochNs),
    },
    {
      key: `${key}OffsetNs`,
      label: `${label} offset`,
      text: `${formatDurationNs(ns)} after process start`,
      copy: String(ns),
    },
  ];
}

function item(key: string, label: string, text: string, copy = text): DetailItem {
  return { key, label, text, copy };
}

function criticalItems(table: SpanTable, row: number): CriticalItem[] {
  const { tree } = spanBasis(table);
  return criticalPath(table, tree, row).map((link) => ({
    row: link.row,
    name: table.names[table.nameIndex[link.row]],
    spanId: table.spanId[link.row].toString(),
    waited: formatDurationNs(link.waitedNs),
    tail: formatDurationNs(link.tailNs),
  }));
}

/** The details of span `row` of `table`. */
export function spanDetails(table: SpanTable, row: number): SpanDetails {
  const { tree, selfNs } = spanBasis(table);
  const state = table.state[row];
  const location = table.locations[table.locationIndex[row]];
  const parentRow = tree.parentIndex[row];
  const parentId = table.parentSpanId[row].toString();
  const bound = state === SPAN_COMPLETE ? '' : '≥ ';
  const durationNs = table.endNs[row] - table.beginNs[row];
  const items: DetailItem[] = [
    item('name', 'name', table.names[table.nameIndex[row]]),
    item('target', 'target', location?.target ?? ''),
    item('location', 'file:line', location ? `${location.filename}:${location.line}` : ''),
    item('spanId', 'span id', table.spanId[row].toString()),
    item('parentSpanId', 'parent', parentId === '0' ? '— (root)' : parentId, parentId),
    item('depth', 'depth', String(table.depth[row])),
    item('beginThread', 'begin thread', threadText(table, table.beginThread[row])),
    item('endThread', 'end thread', threadText(table, table.endThread[row])),
    ...timeItems(table, 'begin', 'begin', table.beginNs[row], state !== SPAN_ORPHAN_END),
    ...timeItems(table, 'end', 'end', table.endNs[row], state !== SPAN_OPEN),
    item('durationNs', 'duration', bound + formatDurationNs(durationNs), String(durationNs)),
    item('selfNs', 'self time', bound + formatDurationNs(selfNs[row]), String(selfNs[row])),
    item('children', 'children', String(childCount(tree, row))),
    item('state', 'state', STATE_TEXT[state as 0] ?? String(state)),
  ];
  const json = JSON.stringify(
    Object.fromEntries(items.filter((i) => i.copy !== '').map((i) => [i.key, i.copy])),
    null,
    2,
  );
  return { items, parentRow, json, critical: criticalItems(table, row) };
}
