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

/** The tooltip's lines for a hit: a begin or end marker on a thread lane says which it is. */
export function hitTooltipLines(table: SpanTable, span: number, part: 'bar' | 'begin' | 'end') {
  const lines = tooltipLines(table, span);
  if (part !== 'bar') lines.unshift(part === 'begin' ? 'begin event' : 'end event');
  return lines;
}
