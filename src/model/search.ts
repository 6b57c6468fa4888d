// Span filters the timeline emphasizes: a name search (case-insensitive substring over the name
// dictionary) and the histogram brush (the same predicate as the histogram and the span tree:
// spanInBrush); the matches in begin order, to step through them. Pure.
import { spanInBrush, type DurationRangeNs } from './histogram';
import type { SpanTable } from './span-table';

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
  if (!names && !brush) return null;
  const mask = new Uint8Array(table.length);
  for (let i = 0; i < table.length; i++) {
    if (names && !names[table.nameIndex[i]]) continue;
    if (brush && !spanInBrush(table, i, brush, brushNameIndex)) continue;
    mask[i] = 1;
  }
  return mask;
}

/** Indices of the spans with mask[i] (and include[i] when given), ascending (= begin order). */
export function maskedList(mask: Uint8Array, include: Uint8Array | null = null): Int32Array {
  let count = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i] && (!include || include[i])) count++;
  const out = new Int32Array(count);
  let k = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i] && (!include || include[i])) out[k++] = i;
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

/** The spans of each lane row with mask[i], same layout of arrays as LaneLayout's rows. */
export function maskedRows(
  rowStart: Int32Array,
  rowSpans: Int32Array,
  mask: Uint8Array,
): { rowStart: Int32Array; rowSpans: Int32Array } {
  const rows = rowStart.length - 1;
  const outStart = new Int32Array(rows + 1);
  for (let r = 0; r < rows; r++) {
    let kept = 0;
    for (let k = rowStart[r]; k < rowStart[r + 1]; k++) kept += mask[rowSpans[k]];
    outStart[r + 1] = outStart[r] + kept;
  }
  const outSpans = new Int32Array(outStart[rows]);
  let j = 0;
  for (let k = 0; k < rowSpans.length; k++) if (mask[rowSpans[k]]) outSpans[j++] = rowSpans[k];
  return { rowStart: outStart, rowSpans: outSpans };
}
