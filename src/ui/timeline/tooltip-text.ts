// The hover tooltip's lines for a span: name, duration and state, threads (and whether it
// migrated), source location, begin and end offsets. Plain strings, set with textContent. No React.
import { formatDurationNs } from '../../base/time';
import {
  durationNs,
  isMigrated,
  SPAN_OPEN,
  SPAN_ORPHAN_END,
  type SpanTable,
} from '../../model/span-table';

function threadName(table: SpanTable, thread: number): string {
  return thread >= 0 && thread < table.threads.length ? table.threads[thread].name : 'not captured';
}

export function stateText(table: SpanTable, span: number): string {
  const state = table.state[span];
  if (state === SPAN_OPEN) return 'open: no end captured (drawn to the end of the capture)';
  if (state === SPAN_ORPHAN_END)
    return 'orphan end: no begin captured (drawn from the capture start)';
  return 'complete';
}

export function tooltipLines(table: SpanTable, span: number): string[] {
  const loc = table.locations[table.locationIndex[span]];
  const state = table.state[span];
  const duration = formatDurationNs(durationNs(table, span));
  const threads = `${threadName(table, table.beginThread[span])} → ${threadName(table, table.endThread[span])}`;
  const offsets = `begin +${formatDurationNs(table.beginNs[span])} · end +${formatDurationNs(table.endNs[span])}`;
  return [
    table.names[table.nameIndex[span]],
    `${state === 0 ? '' : '≥ '}${duration} · ${stateText(table, span)}`,
    `threads ${threads}${isMigrated(table, span) ? ' (migrated)' : ''}`,
    loc ? `${loc.filename}:${loc.line}` : '',
    offsets,
  ];
}

/**
 * The tooltip's lines for a hit: a begin or end marker on a thread lane says which it is; a span
 * with children (a root task's group or an inner span's) says what its triangle does, and how
 * many spans it hides when collapsed.
 */
export function hitTooltipLines(
  table: SpanTable,
  span: number,
  part: 'bar' | 'group' | 'begin' | 'end',
  group: { collapsed: boolean; hiddenSpans: number } | null = null,
) {
  const lines = tooltipLines(table, span);
  if (part === 'begin' || part === 'end') lines.unshift(`${part} event`);
  if (group?.collapsed)
    lines.push(`group collapsed: ${group.hiddenSpans} spans hidden (→ expands)`);
  else if (group) lines.push('has children: ← or its triangle collapses them');
  if (part === 'group')
    lines.unshift(`click: ${group?.collapsed ? 'expand' : 'collapse'} this group`);
  return lines;
}
