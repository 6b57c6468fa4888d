// Which spans of a process an export holds: all of them, those overlapping a time range, and/or
// those a filter keeps (a per-span mask computed by the caller from the view's filters). Shared
// by `weft export` and the viewer's export menu. Pure, on columns.
import { selectionMask, type RangeNs, type SearchAndBrush, type SpanFilter } from '../span-filter';
import type { SpanTable } from '../span-table';
import { onCallPath } from '../analysis';
import type { CallPath } from '../call-tree';

export interface ExportScope {
  /** Relative ns (as the SpanTable's times): keep spans with endNs >= fromNs and beginNs <= toNs. */
  fromNs?: number;
  toNs?: number;
  /** Per span: keep only spans with include[i] !== 0; null or absent keeps all. */
  include?: Uint8Array | null;
}

/** What an export says about the process the spans belong to. */
export interface ExportProcess {
  /** micromegas' process id (a UUID). */
  processId: string;
  /** The executable's name, or '' when unknown. */
  exe: string;
}

/** Indices of the spans in scope, in table order (begin order). */
export function spansInScope(table: SpanTable, scope: ExportScope = {}): Int32Array {
  const fromNs = scope.fromNs ?? -Infinity;
  const toNs = scope.toNs ?? Infinity;
  const include = scope.include ?? null;
  const keep = (i: number) =>
    (!include || include[i] !== 0) && table.endNs[i] >= fromNs && table.beginNs[i] <= toNs;
  let count = 0;
  for (let i = 0; i < table.length; i++) if (keep(i)) count++;
  const out = new Int32Array(count);
  let k = 0;
  for (let i = 0; i < table.length; i++) if (keep(i)) out[k++] = i;
  return out;
}

/** Per span of `table`: 1 when it is in `indices`. */
export function maskOf(length: number, indices: Int32Array): Uint8Array {
  const mask = new Uint8Array(length);
  for (const i of indices) mask[i] = 1;
  return mask;
}

/** The title an export gives its process: "exe (process id)". */
export function processTitle(process: ExportProcess): string {
  return process.exe ? `${process.exe} (${process.processId})` : process.processId;
}

/**
 * Exact text of relative nanoseconds as microseconds with 3 decimals ("-1.005", "12.300"): the
 * integer ns are split with integer arithmetic, never divided as a double.
 */
export function microsecondsText(ns: number): string {
  const abs = Math.abs(ns);
  const us = Math.floor(abs / 1000);
  const rest = abs - us * 1000;
  return `${ns < 0 ? '-' : ''}${us}.${String(rest).padStart(3, '0')}`;
}

/** Epoch ns of a relative time of `table` (exact: relative ns are integers within 2^53). */
export function epochNsOf(table: SpanTable, relativeNs: number): bigint {
  return table.originNs + BigInt(Math.round(relativeNs));
}

/**
 * The view's filters: the filter bar's and the selected range (span-filter.ts), the name search,
 * the histogram brush and the call tree node picked. The export's "current filter" keeps the
 * spans selectionMask keeps, on that node's path (analysis.ts' onCallPath, as the timeline).
 */
export interface ViewFilter extends SearchAndBrush {
  spanFilter: SpanFilter;
  range: RangeNs | null;
  callPath?: CallPath | null;
}

/** Per span: 1 when the view's filters keep it; null when no filter is active (all spans). */
export function viewFilterMask(table: SpanTable, filter: ViewFilter): Uint8Array | null {
  const mask = selectionMask(table, filter.spanFilter, filter.range, filter);
  return onCallPath(table, mask, filter.callPath ?? null);
}
