// The duration histogram's store: which (process, name) it shows, its bins and quantiles from
// DuckDB, and whether they are loading or failed. The only await of the histogram panel lives in
// `load`; an answer that arrives after a newer request is dropped. No React.
//
// Wiring (app shell): `createHistogramStore(dbHistogramSource(db))` once the Db exists (a Promise
// of it is fine), provided to the panel through src/ui/histogram/histogram-context.ts. Tests and
// other backends pass any function with the HistogramSource signature.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Db } from '../db/db';
import type { DurationHistogram } from '../model/histogram';
import { histogramInSlices } from '../model/histogram-of-spans';
import type { SpanTable } from '../model/span-table';
import { queryDurationHistogram } from '../queries/histogram';

/** Answers "the histogram of the complete spans of this process, of this name (null: all)". */
export type HistogramSource = (
  processId: string,
  name: string | null,
) => Promise<DurationHistogram>;

export interface HistogramRequest {
  processId: string;
  /** Index into SpanTable.names, or -1 for all spans. */
  nameIndex: number;
  /** SpanTable.names[nameIndex], or null for all spans. */
  name: string | null;
}

export interface HistogramState {
  /** What `data` shows, or is being loaded; null before the first request. */
  request: HistogramRequest | null;
  /** The last answer (kept while the next one loads, so the chart does not flash). */
  data: DurationHistogram | null;
  /** The request `data` answers. */
  dataRequest: HistogramRequest | null;
  loading: boolean;
  error: string | null;
  /** Loads the histogram of `request` (null clears it). Always re-queries: data may have grown. */
  load(request: HistogramRequest | null): Promise<void>;
}

export type HistogramStore = StoreApi<HistogramState>;

export function dbHistogramSource(db: Db | Promise<Db>): HistogramSource {
  return async (processId, name) => queryDurationHistogram(await db, processId, name);
}

/**
 * The histogram from the span table in memory when `tableOf` has the process's (histogramInSlices
 * equals the SQL name by name, src/model/histogram-of-spans.test.ts), else from `fallback`. The
 * SQL would have DuckDB copy every duration into its heap, which never shrinks (~110 MB on large).
 */
export function tableHistogramSource(
  tableOf: (processId: string) => SpanTable | null,
  fallback: HistogramSource,
  drawn: (table: SpanTable) => Promise<void> = async () => {},
): HistogramSource {
  return async (processId, name) => {
    const table = tableOf(processId);
    const nameIndex = table && name !== null ? table.names.indexOf(name) : -1;
    if (!table || (name !== null && nameIndex < 0)) return fallback(processId, name);
    await drawn(table); // a new table's first frame comes first (src/store/drawn.ts)
    // in tasks of their own, not in the render that asked (large: ~240 ms in one piece before)
    return histogramInSlices(table, null, nameIndex);
  };
}

export function createHistogramStore(source: HistogramSource): HistogramStore {
  let latest = 0;
  return createStore<HistogramState>()((set) => ({
    request: null,
    data: null,
    dataRequest: null,
    loading: false,
    error: null,
    load: async (request) => {
      const ticket = ++latest;
      if (!request) {
        set({ request: null, data: null, dataRequest: null, loading: false, error: null });
        return;
      }
      set({ request, loading: true, error: null });
      try {
        const data = await source(request.processId, request.name);
        if (ticket === latest) set({ data, dataRequest: request, loading: false });
      } catch (error) {
        if (ticket !== latest) return;
        const message = error instanceof Error ? error.message : String(error);
        set({ data: null, dataRequest: null, loading: false, error: message });
      }
    },
  }));
}

export function sameRequest(a: HistogramRequest | null, b: HistogramRequest | null): boolean {
  return a?.processId === b?.processId && a?.nameIndex === b?.nameIndex && a?.name === b?.name;
}
