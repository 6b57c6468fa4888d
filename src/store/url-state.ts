// The current view kept in the page URL so a link (the toolbar's "Copy link") reopens exactly it:
// `?process=<url-or-id>` (the source), `pid=<process id>` (which of its processes is shown),
// `begin=<rfc3339>&end=<rfc3339>` (the time range a remote process was read for), `t=<startNs>,
// <endNs>` (time window, relative ns), `span=<span id>` (the selected span), the filters
// (FILTER_PARAMS), `q=` (the name search), `range=<startNs>,<endNs>` (the selected time range),
// `hist=<span name>` (the histogram's name), `brush=<minNs>,<maxNs>` (its brushed durations) and
// `follow=0` (the histogram does not follow the selected span) and the call tree's picked path,
// one parameter per name from the root: `cpath=` top-down, `ipath=` inverted (repeated, so a name
// may hold any character), `rows=compact` (the timeline's compact rows), `groups=collapsed` (every
// root-task group collapsed) and `gflip=<span id>,…` (the roots whose group goes the other way).
// `micromegas=` and `data_source=` (the connection, see connection.ts) are kept as they are.
// Written to the page by url-history.ts. No React.
import { parseRfc3339Ns } from '../base/time';
import type { CallPath } from '../model/call-tree';
import { EMPTY_FILTER, type RangeNs, type SpanFilter } from '../model/span-filter';
import type { SpanTable } from '../model/span-table';
import type { StoreApi } from 'zustand/vanilla';
import type { AppStore } from './app-state';
import type { CaptureBackend } from './backend';
import { fullWindow, type DurationRange, type TimeWindow, type ViewStore } from './view-state';

/** The time range a remote process was read for (RFC 3339, sent as begin / end). */
export interface UrlRange {
  beginIso: string;
  endIso: string;
}

export interface UrlView {
  process: string | null;
  range: UrlRange | null;
  window: TimeWindow | null;
  spanId: bigint | null;
  /** Absent: no filter. */
  filter?: SpanFilter;
  /** The selected time range (`range=`), not the remote read range above. */
  selection?: RangeNs | null;
  search?: string;
  /** The shown process of the source (`pid=`); absent or null: the app's choice. */
  processId?: string | null;
  /** The span name the histogram shows (`hist=`); null: all spans. */
  histogramName?: string | null;
  /** The histogram's brushed duration range (`brush=`). */
  brush?: DurationRange | null;
  /** Whether the histogram follows the selected span (`follow=0`: it does not). */
  histogramFollow?: boolean;
  /** The call tree's picked path (absent or null: none). */
  callPath?: CallPath | null;
  /** The timeline's compact rows (`rows=compact`). */
  compactRows?: boolean;
  /** Every root-task group collapsed (`groups=collapsed`). */
  groupsCollapsed?: boolean;
  /** Root span ids whose group goes the other way (`gflip=`). */
  groupsFlipped?: bigint[];
}

/** Most flipped groups a link keeps (a link stays short; more are rare: G resets them). */
export const MAX_URL_FLIPS = 200;

function parseFlips(text: string | null): bigint[] {
  const ids = (text ?? '').split(',').slice(0, MAX_URL_FLIPS).map(parseSpanId);
  return ids.filter((id): id is bigint => id !== null);
}

/** URL parameter of each filter field. */
export const FILTER_PARAMS: Record<keyof SpanFilter, string> = {
  name: 'name',
  target: 'target',
  file: 'file',
  beginThread: 'bthread',
  endThread: 'ethread',
  state: 'state',
  migrated: 'migrated',
  duration: 'dur',
};

/** URL parameter of a call path's names, by direction. */
const PATH_PARAMS = { topDown: 'cpath', inverted: 'ipath' } as const;

function parseCallPath(params: URLSearchParams): CallPath | null {
  const inverted = params.getAll(PATH_PARAMS.inverted);
  if (inverted.length > 0) return { names: inverted, inverted: true };
  const names = params.getAll(PATH_PARAMS.topDown);
  return names.length > 0 ? { names, inverted: false } : null;
}

const STATES = ['', 'complete', 'open', 'orphan_end'];
const MIGRATED = ['', 'yes', 'no'];

function parseFilter(params: URLSearchParams): SpanFilter {
  const filter = { ...EMPTY_FILTER };
  for (const [key, param] of Object.entries(FILTER_PARAMS) as [keyof SpanFilter, string][]) {
    (filter as Record<string, string>)[key] = params.get(param) ?? '';
  }
  if (!STATES.includes(filter.state)) filter.state = '';
  if (!MIGRATED.includes(filter.migrated)) filter.migrated = '';
  return filter;
}

function parseWindow(text: string | null): TimeWindow | null {
  if (!text) return null;
  const [start, end] = text.split(',').map(Number);
  return Number.isFinite(start) && Number.isFinite(end) && end > start
    ? { startNs: start, endNs: end }
    : null;
}

/** `brush=<minNs>,<maxNs>`: whole ns (brushToRange snaps to bin edges); no max: unbounded. */
function parseBrush(text: string | null): DurationRange | null {
  const match = text?.match(/^(\d+),(\d*)$/);
  if (!match) return null;
  const [minNs, maxNs] = [Number(match[1]), match[2] ? Number(match[2]) : Infinity];
  return maxNs >= minNs ? { minNs, maxNs } : null;
}

const formatBrush = ({ minNs, maxNs }: DurationRange) =>
  `${minNs},${Number.isFinite(maxNs) ? maxNs : ''}`;

function parseSpanId(text: string | null): bigint | null {
  if (!text || !/^-?\d+$/.test(text)) return null;
  return BigInt.asIntN(64, BigInt(text));
}

/** A range with both ends, as the URL keeps it; null otherwise. */
export function urlRange(range?: { beginIso?: string; endIso?: string }): UrlRange | null {
  return range?.beginIso && range.endIso
    ? { beginIso: range.beginIso, endIso: range.endIso }
    : null;
}

function parseRange(begin: string | null, end: string | null): UrlRange | null {
  if (!begin || !end) return null;
  const [beginNs, endNs] = [parseRfc3339Ns(begin), parseRfc3339Ns(end)];
  if (beginNs === undefined || endNs === undefined || endNs <= beginNs) return null;
  return { beginIso: begin, endIso: end };
}

export function parseUrlView(search: string): UrlView {
  const params = new URLSearchParams(search);
  return {
    process: params.get('process') || null,
    range: parseRange(params.get('begin'), params.get('end')),
    window: parseWindow(params.get('t')),
    spanId: parseSpanId(params.get('span')),
    filter: parseFilter(params),
    selection: parseWindow(params.get('range')),
    search: params.get('q') ?? '',
    processId: params.get('pid') || null,
    histogramName: params.get('hist'),
    brush: parseBrush(params.get('brush')),
    histogramFollow: params.get('follow') !== '0',
    callPath: parseCallPath(params),
    compactRows: params.get('rows') === 'compact',
    groupsCollapsed: params.get('groups') === 'collapsed',
    groupsFlipped: parseFlips(params.get('gflip')),
  };
}

const pair = (w: TimeWindow | RangeNs) => `${Math.round(w.startNs)},${Math.round(w.endNs)}`;

/** The page URL with the view's parameters set (other parameters are kept). */
export function formatUrlView(href: string, view: UrlView): string {
  const url = new URL(href);
  const set = (key: string, value: string | null) =>
    value === null ? url.searchParams.delete(key) : url.searchParams.set(key, value);
  set('process', view.process);
  set('begin', view.range?.beginIso ?? null);
  set('end', view.range?.endIso ?? null);
  set('t', view.window ? pair(view.window) : null);
  set('span', view.spanId === null ? null : view.spanId.toString());
  const filter = view.filter ?? EMPTY_FILTER;
  for (const [key, param] of Object.entries(FILTER_PARAMS) as [keyof SpanFilter, string][])
    set(param, filter[key] || null);
  set('q', view.search || null);
  set('range', view.selection ? pair(view.selection) : null);
  set('pid', view.processId ?? null);
  set('hist', view.histogramName ?? null);
  set('brush', view.brush ? formatBrush(view.brush) : null);
  set('follow', view.histogramFollow === false ? '0' : null);
  set('rows', view.compactRows ? 'compact' : null);
  set('groups', view.groupsCollapsed ? 'collapsed' : null);
  const flips = (view.groupsFlipped ?? []).slice(0, MAX_URL_FLIPS);
  set('gflip', flips.length > 0 ? flips.join(',') : null);
  for (const param of Object.values(PATH_PARAMS)) url.searchParams.delete(param);
  const path = view.callPath;
  const pathParam = path?.inverted ? PATH_PARAMS.inverted : PATH_PARAMS.topDown;
  for (const name of path?.names ?? []) url.searchParams.append(pathParam, name);
  // Slashes, commas and colons are legal in a query: keep `process=/sample/&t=0,50` readable.
  const search = url.searchParams.toString();
  url.search = search.replace(/%2F/gi, '/').replace(/%2C/gi, ',').replace(/%3A/gi, ':');
  return url.href;
}

export function spanIndexById(spans: SpanTable, spanId: bigint): number {
  for (let i = 0; i < spans.length; i++) if (spans.spanId[i] === spanId) return i;
  return -1;
}

/**
 * Applies a parsed URL view to the loaded spans: what the URL leaves out goes back to its default
 * (whole capture, no selection, no filter), so a popped history entry is the view it recorded.
 */
export function restoreUrlView(view: StoreApi<ViewStore>, url: UrlView): void {
  const { spans } = view.getState();
  if (!spans) return;
  view.setState({
    window: url.window ?? fullWindow(spans),
    selected: url.spanId === null ? -1 : spanIndexById(spans, url.spanId),
    filter: url.filter ?? EMPTY_FILTER,
    range: url.selection ?? null,
    search: url.search ?? '',
    histogramName: url.histogramName ?? null,
    brush: url.brush ?? null,
    histogramFollow: url.histogramFollow ?? true,
    callPath: url.callPath ?? null,
    compactRows: url.compactRows ?? false,
    groupsCollapsed: url.groupsCollapsed ?? false,
    groupsFlipped: new Set(url.groupsFlipped ?? []),
  });
}

/** The process a link names when it is loaded and not the one shown (to show before restoring). */
export function linkedProcess(url: UrlView, app: AppStore, view: StoreApi<ViewStore>) {
  const id = url.processId;
  const loaded = app.getState().processes.some((p) => p.processId === id);
  return id && loaded && id !== view.getState().processId ? id : null;
}

/** After a link's load: shows the process it names (when loaded), then restores its view. */
export async function restoreLink(
  url: UrlView | undefined,
  stores: { app: AppStore; view: StoreApi<ViewStore>; backend: Pick<CaptureBackend, 'spanTable'> },
): Promise<void> {
  if (!url) return; // not a link's load
  const linked = linkedProcess(url, stores.app, stores.view);
  if (linked) stores.view.getState().setSpans(await stores.backend.spanTable(linked), linked);
  restoreUrlView(stores.view, url);
}

/** The view as the URL keeps it (the exports' share link uses it too). */
export function currentUrlView(app: AppStore, view: StoreApi<ViewStore>): UrlView {
  const { spans, processId, window, selected, filter, range: selection, search } = view.getState();
  const { histogramName, brush, histogramFollow, callPath, compactRows } = view.getState();
  const { groupsCollapsed, groupsFlipped } = view.getState();
  const { processParam: process, processRange } = app.getState();
  const range = process ? processRange : null;
  if (!process || !spans) return { process, range, window: null, spanId: null };
  const spanId = selected >= 0 ? spans.spanId[selected] : null;
  const histogram = { histogramName, brush, histogramFollow };
  // Named only when there is a choice: a source of one process needs no `pid=`.
  const shown = app.getState().processes.length > 1 ? processId : null;
  const kept = { filter, selection, search, processId: shown, callPath, compactRows };
  const groups = { groupsCollapsed, groupsFlipped: [...groupsFlipped] };
  return { process, range, window, spanId, ...kept, ...histogram, ...groups };
}
