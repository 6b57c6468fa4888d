// The text of a span tree row's cells: start offset from the process start, duration, self time,
// threads, state. Start, Duration and Self each have one unit for the whole column (named in
// the header), with a fixed number of decimals and thousands separators, so right-aligned values
// line up on the decimal point and a self time is never read against a duration in another
// unit. Duration and Self share their unit. Open spans and orphan ends have no true duration:
// theirs is a lower bound (≥); so is the self time of a span that is not complete or has a child
// that is not (a child stretched to the capture's edge covers at least as much as it really did).
// No React, no DOM.
import { SPAN_COMPLETE, SPAN_OPEN, type SpanTable } from '../../model/span-table';

export interface ColumnUnit {
  name: 'ns' | 'µs' | 'ms' | 's';
  ns: number;
  decimals: number;
}

export interface ColumnUnits {
  start: ColumnUnit;
  /** Duration and Self. */
  duration: ColumnUnit;
}

/** What the cells of a row are computed from (the span tree's model). */
export interface CellSource {
  spans: SpanTable;
  selfNs: Float64Array;
  /** 1 where the self time is a lower bound. */
  selfIsBound: Uint8Array;
  units: ColumnUnits;
}

export interface RowCells {
  name: string;
  /** "file:line" of the span's location, or ''. */
  location: string;
  start: string;
  duration: string;
  self: string;
  beginThread: string;
  endThread: string;
  state: string;
  /** Began and ended on different threads. */
  migrated: boolean;
}

export const STATE_LABEL = ['complete', 'open', 'orphan end'];

/** The unit for values up to `maxNs`: at most 11 characters ("999,999.999"), exact to the ns below 1 s. */
export function columnUnit(maxNs: number): ColumnUnit {
  if (maxNs < 1e3) return { name: 'ns', ns: 1, decimals: 0 };
  if (maxNs < 1e9) return { name: 'µs', ns: 1e3, decimals: 3 };
  if (maxNs < 1e12) return { name: 'ms', ns: 1e6, decimals: 3 };
  return { name: 's', ns: 1e9, decimals: 3 };
}

/** Units from the capture: no start lies past its end, no duration exceeds its length. */
export function columnUnits(spans: SpanTable): ColumnUnits {
  const end = Math.max(Math.abs(spans.captureBeginNs), Math.abs(spans.captureEndNs));
  return {
    start: columnUnit(end),
    duration: columnUnit(spans.captureEndNs - spans.captureBeginNs),
  };
}

/**
 * One formatter per number of decimals: toLocaleString with options builds a new one per call
 * (~0.1 ms each: the rows of a tree screen took ~10 ms of a keystroke's task).
 */
const formats = new Map<number, Intl.NumberFormat>();

function formatOf(decimals: number): Intl.NumberFormat {
  let format = formats.get(decimals);
  if (!format) {
    const digits = { minimumFractionDigits: decimals, maximumFractionDigits: decimals };
    formats.set(decimals, (format = new Intl.NumberFormat('en-US', digits)));
  }
  return format;
}

/** "7,460.123" (µs); a positive value too small for the unit reads "< 0.001", never "0.000". */
export function formatInUnit(ns: number, unit: ColumnUnit): string {
  const step = 10 ** -unit.decimals;
  const value = ns / unit.ns;
  if (value > 0 && value < step / 2) return `< ${step.toFixed(unit.decimals)}`;
  return formatOf(unit.decimals).format(value);
}

function threadName(table: SpanTable, thread: number): string {
  return thread >= 0 && thread < table.threads.length ? table.threads[thread].name : '—';
}

export function rowCells(source: CellSource, row: number): RowCells {
  const { spans: table, units } = source;
  const state = table.state[row];
  const bound = state === SPAN_COMPLETE ? '' : '≥ ';
  const selfBound = bound || source.selfIsBound[row] ? '≥ ' : '';
  const location = table.locations[table.locationIndex[row]];
  const b = table.beginThread[row];
  const e = table.endThread[row];
  const started = state === SPAN_COMPLETE || state === SPAN_OPEN;
  return {
    name: table.names[table.nameIndex[row]] ?? '',
    location: location ? `${location.filename}:${location.line}` : '',
    start: started ? formatInUnit(table.beginNs[row], units.start) : '—',
    duration: bound + formatInUnit(table.endNs[row] - table.beginNs[row], units.duration),
    self: selfBound + formatInUnit(source.selfNs[row], units.duration),
    beginThread: threadName(table, b),
    endThread: threadName(table, e),
    state: STATE_LABEL[state] ?? String(state),
    migrated: b >= 0 && e >= 0 && b !== e,
  };
}
