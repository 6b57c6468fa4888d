// Span filters that apply to every panel: name (substring or /regex/), target, file, begin/end
// thread (substrings of the thread name), state, migrated, a duration predicate (`>1ms`), and a
// time range. Each text part is matched once per dictionary entry (names, locations, threads),
// then one pass over the spans builds a mask. The rules below are the contract the SQL truth in
// span-filter.test.ts checks, predicate by predicate. Pure: no React, no DuckDB.
import { spanInBrush, type DurationRangeNs } from './histogram';
import { nameMatches } from './search';
import { SPAN_COMPLETE, SPAN_OPEN, SPAN_ORPHAN_END, type SpanTable } from './span-table';

export type StateFilter = '' | 'complete' | 'open' | 'orphan_end';
export type MigratedFilter = '' | 'yes' | 'no';

/** Every field's empty value means "no constraint". Text matches ignore case. */
export interface SpanFilter {
  /** Substring of the name, or `/regex/flags` (JavaScript syntax). */
  name: string;
  target: string;
  /** Substring of the source file name. */
  file: string;
  /** Substring of the name of the thread that holds the span's begin / end event. */
  beginThread: string;
  endThread: string;
  state: StateFilter;
  migrated: MigratedFilter;
  /** `>1ms`, `>=10us`, `<2s`, `<=500`, `=0`, or `1ms..5ms` (both ends included); see parseDuration. */
  duration: string;
}

/** A time range of the capture, relative ns as SpanTable times. */
export interface RangeNs {
  startNs: number;
  endNs: number;
}

export const EMPTY_FILTER: SpanFilter = {
  name: '',
  target: '',
  file: '',
  beginThread: '',
  endThread: '',
  state: '',
  migrated: '',
  duration: '',
};

export function isFilterEmpty(filter: SpanFilter): boolean {
  return (Object.keys(EMPTY_FILTER) as (keyof SpanFilter)[]).every(
    (key) => filter[key].trim() === '',
  );
}

/** Inclusive duration bounds; a duration predicate holds only for complete spans. */
export interface DurationBounds {
  minNs: number;
  maxNs: number;
}

const UNIT_NS: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9 };

/**
 * `12`, `1.5ms`, `20 us` → ns (a bare number is ns), rounded to 1/1000 ns so that `1.1ms` is
 * 1100000 and not 1100000.0000000002; NaN when it is not a duration.
 */
export function parseDurationNs(text: string): number {
  const m = /^\s*(\d+(?:\.\d*)?|\.\d+)\s*(ns|us|µs|ms|s)?\s*$/i.exec(text);
  if (!m) return NaN;
  return Math.round(Number(m[1]) * UNIT_NS[(m[2] ?? 'ns').toLowerCase()] * 1000) / 1000;
}

/**
 * The bounds of a duration predicate (durations are integer ns, so `>x` is `≥ x+1`), or null
 * when the text is not one. `''` gives no bounds.
 */
export function parseDuration(text: string): DurationBounds | null {
  const t = text.trim();
  if (t === '') return { minNs: 0, maxNs: Infinity };
  const range = /^(.+)\.\.(.+)$/.exec(t);
  if (range) {
    const [lo, hi] = [parseDurationNs(range[1]), parseDurationNs(range[2])];
    return Number.isNaN(lo) || Number.isNaN(hi)
      ? null
      : { minNs: Math.ceil(lo), maxNs: Math.floor(hi) };
  }
  const m = /^(>=|<=|>|<|=)?(.*)$/.exec(t)!;
  const ns = parseDurationNs(m[2]);
  if (Number.isNaN(ns)) return null;
  switch (m[1]) {
    case '>':
      return { minNs: Math.floor(ns) + 1, maxNs: Infinity };
    case '>=':
      return { minNs: Math.ceil(ns), maxNs: Infinity };
    case '<':
      return { minNs: 0, maxNs: Math.ceil(ns) - 1 };
    case '<=':
      return { minNs: 0, maxNs: Math.floor(ns) };
    default:
      return { minNs: Math.ceil(ns), maxNs: Math.floor(ns) };
  }
}

/** A name pattern: `/…/flags` is a regex, anything else a case-insensitive substring. */
export function textMatcher(pattern: string): ((text: string) => boolean) | string {
  const p = pattern.trim();
  if (p === '') return () => true;
  const regex = /^\/(.*)\/([a-z]*)$/s.exec(p);
  if (regex) {
    try {
      const re = new RegExp(regex[1], regex[2].replace(/[gy]/g, ''));
      return (text) => re.test(text);
    } catch (error) {
      return `bad regex ${p}: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  const needle = p.toLowerCase();
  return (text) => text.toLowerCase().includes(needle);
}

function substring(pattern: string): (text: string) => boolean {
  const needle = pattern.trim().toLowerCase();
  return (text) => text.toLowerCase().includes(needle);
}

const STATE_CODE: Record<Exclude<StateFilter, ''>, number> = {
  complete: SPAN_COMPLETE,
  open: SPAN_OPEN,
  orphan_end: SPAN_ORPHAN_END,
};

/** What compileFilter found wrong in a filter (the part is then ignored), in words. */
export interface CompiledFilter {
  test: (row: number) => boolean;
  errors: string[];
}

/** Per dictionary entry: 1 when `match` holds. */
function dictionary<T>(entries: T[], match: (entry: T) => boolean): Uint8Array {
  return Uint8Array.from(entries, (entry) => (match(entry) ? 1 : 0));
}

function threadTest(table: SpanTable, pattern: string, column: Int32Array) {
  if (pattern.trim() === '') return null;
  const ok = dictionary(table.threads, (t) => substring(pattern)(t.name));
  return (row: number) => column[row] >= 0 && ok[column[row]] === 1;
}

/** The filter as one per-row predicate over `table`; bad parts are reported and ignored. */
export function compileFilter(table: SpanTable, filter: SpanFilter): CompiledFilter {
  const errors: string[] = [];
  const tests: ((row: number) => boolean)[] = [];
  const name = textMatcher(filter.name);
  if (typeof name === 'string') errors.push(name);
  else if (filter.name.trim() !== '') {
    const ok = dictionary(table.names, name);
    tests.push((row) => ok[table.nameIndex[row]] === 1);
  }
  if (filter.target.trim() !== '' || filter.file.trim() !== '') {
    const [target, file] = [substring(filter.target), substring(filter.file)];
    const ok = dictionary(table.locations, (l) => target(l.target) && file(l.filename));
    tests.push((row) => ok[table.locationIndex[row]] === 1);
  }
  const begin = threadTest(table, filter.beginThread, table.beginThread);
  const end = threadTest(table, filter.endThread, table.endThread);
  if (begin) tests.push(begin);
  if (end) tests.push(end);
  if (filter.state) tests.push((row) => table.state[row] === STATE_CODE[filter.state as 'open']);
  if (filter.migrated) tests.push(migratedTest(table, filter.migrated === 'yes'));
  const bounds = parseDuration(filter.duration);
  if (!bounds) errors.push(`not a duration predicate: ${filter.duration.trim()} (try >1ms)`);
  else if (filter.duration.trim() !== '') tests.push(durationTest(table, bounds));
  return { test: (row) => tests.every((t) => t(row)), errors };
}

/** Migrated: begin and end seen on different threads (as async_spans.migrated). */
function migratedTest(table: SpanTable, wanted: boolean) {
  return (row: number) => {
    const [b, e] = [table.beginThread[row], table.endThread[row]];
    return (b >= 0 && e >= 0 && b !== e) === wanted;
  };
}

function durationTest(table: SpanTable, bounds: DurationBounds) {
  return (row: number) => {
    if (table.state[row] !== SPAN_COMPLETE) return false;
    const ns = table.endNs[row] - table.beginNs[row];
    return ns >= bounds.minNs && ns <= bounds.maxNs;
  };
}

/**
 * The range rule: a span is in [startNs, endNs) when it begins there; an orphan end, which has
 * no begin, when it ends there.
 */
export function inRange(table: SpanTable, row: number, range: RangeNs): boolean {
  const t = table.state[row] === SPAN_ORPHAN_END ? table.endNs[row] : table.beginNs[row];
  return t >= range.startNs && t < range.endNs;
}

/** The name search and the histogram brush (what the timeline emphasizes), as filters. */
export interface SearchAndBrush {
  /** Case-insensitive name substring; '' for none. */
  search: string;
  brush: DurationRangeNs | null;
  /** The histogram's name (index into names) the brush applies to, -1 for all names. */
  brushNameIndex: number;
}

/**
 * Per span: 1 when it passes the filter, lies in the range and, when given, matches the search
 * and the brush (search.ts' nameMatches and histogram.ts' spanInBrush); null when none of them
 * is active. The one mask of "what the view's filters keep": panels and the export's "current
 * filter" scope.
 */
export function selectionMask(
  table: SpanTable,
  filter: SpanFilter,
  range: RangeNs | null,
  emphasis?: SearchAndBrush,
): Uint8Array | null {
  const names = emphasis ? nameMatches(table.names, emphasis.search) : null;
  const brush = emphasis?.brush ?? null;
  if (isFilterEmpty(filter) && !range && !names && !brush) return null;
  const { test } = compileFilter(table, filter);
  const brushName = emphasis?.brushNameIndex ?? -1;
  const mask = new Uint8Array(table.length);
  for (let row = 0; row < table.length; row++) {
    const searched = !names || names[table.nameIndex[row]] === 1;
    const brushed = !brush || spanInBrush(table, row, brush, brushName);
    mask[row] = searched && brushed && test(row) && (!range || inRange(table, row, range)) ? 1 : 0;
  }
  return mask;
}
