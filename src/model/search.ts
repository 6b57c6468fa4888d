// Span filters the timeline emphasizes: a name search (case-insensitive substring over the name
// dictionary) and the histogram brush (the same predicate as the histogram and the span tree:
// spanInBrush); the matches in begin order, to step through them. Each pass over the spans is
// also a generator of steps (base/time-slices.ts: Steps), so the timeline computes a keystroke's
// emphasis across tasks (`emphasisSteps`; large: 1.76M spans, 100–550 ms in one task before);
// the plain functions run the same steps at once. Pure.
import { runAtOnce, type Steps } from '../base/time-slices';
import { spanInBrush, type DurationRangeNs } from './histogram';
import type { SpanTable } from './span-table';
import { maskedEventsSteps, type ThreadEvents } from './thread-events';

/** Items a pass handles between two steps (a power of two). */
export const ITEMS_PER_STEP = 1 << 15;

/** True after every ITEMS_PER_STEP-th item `i` (when a pass yields a step). */
export const stepDue = (i: number) => (i & (ITEMS_PER_STEP - 1)) === ITEMS_PER_STEP - 1;

/** Per name: 1 when it contains `query` (case-insensitive); null for an empty query. */
export function nameMatches(names: string[], query: string): Uint8Array | null {
  const needle = query.trim().toLowerCase();
  if (!needle) return null;
  return Uint8Array.from(names, (name) => (name.toLowerCase().includes(needle) ? 1 : 0));
}

/**
 * Per span: 1 when it passes every active filter (its name matches; it is a brush match of the
 * histogram, i.e. spanInBrush with the histogram's name `brushNameIndex`, -1 for all names); null
 * when no filter is active.
 */
export function emphasisMask(
  table: SpanTable,
  names: Uint8Array | null,
  brush: DurationRangeNs | null,
  brushNameIndex: number,
): Uint8Array | null {
  return runAtOnce(emphasisMaskSteps(table, names, brush, brushNameIndex));
}

function* emphasisMaskSteps(
  table: SpanTable,
  names: Uint8Array | null,
  brush: DurationRangeNs | null,
  brushNameIndex: number,
): Steps<Uint8Array | null> {
  if (!names && !brush) return null;
  const mask = new Uint8Array(table.length);
  for (let i = 0; i < table.length; i++) {
    if (stepDue(i)) yield;
    if (names && !names[table.nameIndex[i]]) continue;
    if (brush && !spanInBrush(table, i, brush, brushNameIndex)) continue;
    mask[i] = 1;
  }
  return mask;
}

/** Indices of the spans with mask[i] (and include[i] when given), ascending (= begin order). */
export function maskedList(mask: Uint8Array, include: Uint8Array | null = null): Int32Array {
  return runAtOnce(maskedListSteps(mask, include));
}

function* maskedListSteps(mask: Uint8Array, include: Uint8Array | null): Steps<Int32Array> {
  let count = 0;
  for (let i = 0; i < mask.length; i++) {
    if (stepDue(i)) yield;
    if (mask[i] && (!include || include[i])) count++;
  }
  const out = new Int32Array(count);
  let k = 0;
  for (let i = 0; i < mask.length; i++) {
    if (stepDue(i)) yield;
    if (mask[i] && (!include || include[i])) out[k++] = i;
  }
  return out;
}

/**
 * The match after (direction 1) or before (-1) span `current` in begin order, wrapping around;
 * from no selection (-1), the first or the last. -1 when there is no match.
 */
export function stepMatch(matches: Int32Array, current: number, direction: 1 | -1): number {
  if (matches.length === 0) return -1;
  let lo = 0;
  let hi = matches.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (matches[mid] < current) lo = mid + 1;
    else hi = mid;
  }
  if (current < 0) return direction === 1 ? matches[0] : matches[matches.length - 1];
  if (direction === 1) {
    const k = lo < matches.length && matches[lo] === current ? lo + 1 : lo;
    return matches[k % matches.length];
  }
  return matches[(lo - 1 + matches.length) % matches.length];
}

/** Spans of each lane row (the layout of LaneLayout's rows arrays). */
export interface RowSpans {
  rowStart: Int32Array;
  rowSpans: Int32Array;
}

/** The spans of each lane row with mask[i], same layout of arrays as LaneLayout's rows. */
export function maskedRows(rowStart: Int32Array, rowSpans: Int32Array, mask: Uint8Array): RowSpans {
  return runAtOnce(maskedRowsSteps({ rowStart, rowSpans }, mask));
}

function* maskedRowsSteps({ rowStart, rowSpans }: RowSpans, mask: Uint8Array): Steps<RowSpans> {
  const rows = rowStart.length - 1;
  const outStart = new Int32Array(rows + 1);
  for (let r = 0; r < rows; r++) {
    if (stepDue(rowStart[r])) yield; // rows differ in size: counted in spans passed
    let kept = 0;
    for (let k = rowStart[r]; k < rowStart[r + 1]; k++) kept += mask[rowSpans[k]];
    outStart[r + 1] = outStart[r] + kept;
  }
  const outSpans = new Int32Array(outStart[rows]);
  let j = 0;
  for (let k = 0; k < rowSpans.length; k++) {
    if (stepDue(k)) yield;
    if (mask[rowSpans[k]]) outSpans[j++] = rowSpans[k];
  }
  return { rowStart: outStart, rowSpans: outSpans };
}

/** What the timeline emphasizes: spans per lane row, their thread events, and the matches. */
export interface Emphasis {
  rows: RowSpans;
  events: ThreadEvents;
  /** Emphasized spans that `include` keeps, in begin order (what n / N step through). */
  matches: Int32Array;
}

/**
 * The emphasis of the spans whose name `names` marks and that the brush keeps, over the unmasked
 * lanes `rows` and thread `events` of the spans `include` keeps; null when neither filter is set.
 */
export function* emphasisSteps(
  table: SpanTable,
  rows: RowSpans,
  events: ThreadEvents,
  include: Uint8Array | null,
  filter: { names: Uint8Array | null; brush: DurationRangeNs | null; brushNameIndex: number },
): Steps<Emphasis | null> {
  const mask = yield* emphasisMaskSteps(table, filter.names, filter.brush, filter.brushNameIndex);
  if (!mask) return null;
  return {
    rows: yield* maskedRowsSteps(rows, mask),
    events: yield* maskedEventsSteps(events, mask),
    matches: yield* maskedListSteps(mask, include),
  };
}
