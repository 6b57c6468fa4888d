// What the span tree shows under a filter: the spans matching the histogram brush (duration
// range of the histogram's name), the name search and the view's filter (span-filter.ts), plus
// their ancestors for context. Pure: no
// React, no DuckDB.
import { spanInBrush, type DurationRangeNs } from './histogram';
import { runAtOnce, type Steps } from '../base/time-slices';
import { nameMatches, stepDue } from './search';
import type { SpanTable } from './span-table';
import { MATCH, markAncestors, type SpanTree } from './tree';

export interface TreeFilter {
  /** Brushed duration range, or null. */
  brush: DurationRangeNs | null;
  /** The histogram's name (index into names) the brush applies to, or -1 for all names. */
  brushNameIndex: number;
  /** Case-insensitive name substring; '' for none. */
  search: string;
  /** Per span: 1 when the view's filter keeps it (selectionMask); null or absent: all. */
  include?: Uint8Array | null;
}

export interface FilterMarks {
  /** Per span: MATCH, ANCESTOR (of a match), both, or 0 (hidden). */
  marks: Uint8Array;
  matchCount: number;
}

export function isFilterActive(filter: TreeFilter): boolean {
  return filter.brush !== null || filter.search.trim() !== '' || !!filter.include;
}

/** Marks of the spans the filter keeps; null when no filter is active (everything shows). */
export function filterMarks(
  table: SpanTable,
  tree: SpanTree,
  filter: TreeFilter,
): FilterMarks | null {
  return runAtOnce(filterMarksSteps(table, tree, filter));
}

/** filterMarks as steps (the span tree runs them across tasks: 1.76M spans per keystroke). */
export function* filterMarksSteps(
  table: SpanTable,
  tree: SpanTree,
  filter: TreeFilter,
): Steps<FilterMarks | null> {
  if (!isFilterActive(filter)) return null;
  const nameOk = nameMatches(table.names, filter.search);
  const { brush, brushNameIndex, include } = filter;
  // one loop with no call per span but markAncestors (it stops at the first marked ancestor)
  const marks = new Uint8Array(tree.length);
  const names = table.nameIndex;
  let matchCount = 0;
  for (let row = 0; row < marks.length; row++) {
    if (stepDue(row)) yield;
    if (nameOk && nameOk[names[row]] !== 1) continue;
    if (include && include[row] !== 1) continue;
    if (brush !== null && !spanInBrush(table, row, brush, brushNameIndex)) continue;
    marks[row] |= MATCH;
    matchCount++;
    markAncestors(tree, marks, row);
  }
  return { marks, matchCount };
}
