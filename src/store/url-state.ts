// The current view kept in the page URL so a link reopens it: `?process=<url-or-id>` (the source),
// `begin=<rfc3339>&end=<rfc3339>` (the time range a remote process was read for), `t=<startNs>,
// <endNs>` (time window, relative ns) and `span=<span id>` (the selected span). `micromegas=` and
// `data_source=` (the connection, see connection.ts) are kept as they are. Written with
// history.replaceState, debounced. No React.
import { parseRfc3339Ns } from '../base/time';
import type { SpanTable } from '../model/span-table';
import type { StoreApi } from 'zustand/vanilla';
import type { AppStore } from './app-state';
import type { TimeWindow, ViewStore } from './view-state';

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
}

function parseWindow(text: string | null): TimeWindow | null {
  if (!text) return null;
  const [start, end] = text.split(',').map(Number);
  return Number.isFinite(start) && Number.isFinite(end) && end > start
    ? { startNs: start, endNs: end }
    : null;
}

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
  };
}

/** The page URL with the view's parameters set (other parameters are kept). */
export function formatUrlView(href: string, view: UrlView): string {
  const url = new URL(href);
  const set = (key: string, value: string | null) =>
    value === null ? url.searchParams.delete(key) : url.searchParams.set(key, value);
  set('process', view.process);
  set('begin', view.range?.beginIso ?? null);
  set('end', view.range?.endIso ?? null);
  set(
    't',
    view.window ? `${Math.round(view.window.startNs)},${Math.round(view.window.endNs)}` : null,
  );
  set('span', view.spanId === null ? null : view.spanId.toString());
  // Slashes, commas and colons are legal in a query: keep `process=/sample/&t=0,50` readable.
  const search = url.searchParams.toString();
  url.search = search.replace(/%2F/gi, '/').replace(/%2C/gi, ',').replace(/%3A/gi, ':');
  return url.href;
}

export function spanIndexById(spans: SpanTable, spanId: bigint): number {
  for (let i = 0; i < spans.length; i++) if (spans.spanId[i] === spanId) return i;
  return -1;
}

/** Applies a parsed URL view to freshly loaded spans. */
export function restoreUrlView(view: StoreApi<ViewStore>, url: UrlView): void {
  const { spans } = view.getState();
  if (!spans) return;
  if (url.window) view.getState().setWindow(url.window);
  if (url.spanId !== null) view.getState().select(spanIndexById(spans, url.spanId));
}

function currentUrlView(app: AppStore, view: StoreApi<ViewStore>): UrlView {
  const { spans, window, selected } = view.getState();
  const { processParam: process, processRange } = app.getState();
  const range = process ? processRange : null;
  if (!process || !spans) return { process, range, window: null, spanId: null };
  return { process, range, window, spanId: selected >= 0 ? spans.spanId[selected] : null };
}

/** Keeps the page URL in step with the view; returns an unsubscribe function. */
export function bindUrlView(
  app: AppStore,
  view: StoreApi<ViewStore>,
  page: { href: () => string; replace: (href: string) => void },
  delayMs = 250,
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const write = () => {
    timer = undefined;
    const next = formatUrlView(page.href(), currentUrlView(app, view));
    if (next !== page.href()) page.replace(next);
  };
  const schedule = () => {
    if (timer === undefined) timer = setTimeout(write, delayMs);
  };
  const unsubscribeView = view.subscribe((s, prev) => {
    if (s.window !== prev.window || s.selected !== prev.selected || s.spans !== prev.spans)
      schedule();
  });
  const unsubscribeApp = app.subscribe((s, prev) => {
    if (s.processParam !== prev.processParam || s.processRange !== prev.processRange) schedule();
  });
  return () => {
    if (timer !== undefined) clearTimeout(timer);
    unsubscribeView();
    unsubscribeApp();
  };
}
