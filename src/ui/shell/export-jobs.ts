// What the export menu writes: the spans of a scope (the process, the time window shown, or the
// view's current filter) as Chrome trace-event JSON or a Perfetto trace (src/model/export, the
// code `weft export` runs), or their async_spans rows as CSV or Parquet (through the backend's
// database). No React.
import { chromeTraceChunks } from '../../model/export/chrome-json';
import {
  spansInScope,
  viewFilterMask,
  type ExportProcess,
  type ExportScope,
  type ViewFilter,
} from '../../model/export/scope';
import type { SpanTable } from '../../model/span-table';
import type { CaptureBackend } from '../../store/backend';
import type { TimeWindow } from '../../store/view-state';
import type { FileParts } from './download';

export type ScopeKind = 'process' | 'window' | 'filter';
export type ExportFormat = 'chrome-json' | 'perfetto' | 'csv' | 'parquet';

export const FORMAT_FILES: Record<ExportFormat, { extension: string; type: string }> = {
  'chrome-json': { extension: 'json', type: 'application/json' },
  perfetto: { extension: 'pftrace', type: 'application/octet-stream' },
  csv: { extension: 'csv', type: 'text/csv' },
  parquet: { extension: 'parquet', type: 'application/vnd.apache.parquet' },
};

export interface ExportSource {
  table: SpanTable;
  process: ExportProcess;
  window: TimeWindow;
  filter: ViewFilter;
}

/** The scope's spans, as src/model/export takes them; null when the scope is unavailable. */
export function scopeOf(source: ExportSource, kind: ScopeKind): ExportScope | null {
  if (kind === 'process') return {};
  if (kind === 'window') return { fromNs: source.window.startNs, toNs: source.window.endNs };
  const include = viewFilterMask(source.table, source.filter);
  return include ? { include } : null;
}

export function spanCount(source: ExportSource, kind: ScopeKind): number | null {
  const scope = scopeOf(source, kind);
  return scope ? spansInScope(source.table, scope).length : null;
}

/** The Perfetto protobuf trace of a scope (protobufjs is loaded on first use). */
export async function perfettoBytes(source: ExportSource, scope: ExportScope): Promise<Uint8Array> {
  const { perfettoTraceChunks } = await import('../../model/export/perfetto');
  const chunks = perfettoTraceChunks(source.table, source.process, scope);
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}

/** The file parts of an export. */
export async function exportParts(
  source: ExportSource,
  kind: ScopeKind,
  format: ExportFormat,
  rowsFile: CaptureBackend['spanRowsFile'] | undefined,
): Promise<FileParts> {
  const scope = scopeOf(source, kind);
  if (!scope) throw new Error('No filter is active.');
  if (format === 'chrome-json') return chromeTraceChunks(source.table, source.process, scope);
  if (format === 'perfetto') return [await perfettoBytes(source, scope)];
  if (!rowsFile) throw new Error(`${format} needs the database`);
  const { table } = source;
  const epoch = (ns: number | undefined) =>
    ns === undefined ? null : table.originNs + BigInt(Math.round(ns));
  const ids = scope.include ? [...spansInScope(table, scope)].map((i) => table.spanId[i]) : null;
  const filter = {
    processId: source.process.processId,
    fromEpochNs: epoch(scope.fromNs),
    toEpochNs: epoch(scope.toNs),
    spanIds: ids,
  };
  return rowsFile(filter, format);
}
