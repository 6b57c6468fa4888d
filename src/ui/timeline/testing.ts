// Test helper: a TimelineScene for a SpanTable with everything derived the way the panel derives
// it (lanes, thread events, colours, fallback theme).
import { layoutLanes } from '../../model/lanes';
import { maskedRows } from '../../model/search';
import type { SpanTable } from '../../model/span-table';
import { threadEvents } from '../../model/thread-events';
import type { TimelineGeometry } from './geometry';
import type { TimelineScene } from './scene-types';
import { FALLBACK_THEME, nameColours } from './theme';

export function sceneFor(
  table: SpanTable,
  geometry: Partial<TimelineGeometry> = {},
  extra: Partial<Pick<TimelineScene, 'selected' | 'hovered' | 'pointer' | 'critical'>> & {
    emphasis?: Uint8Array;
  } = {},
): TimelineScene {
  const layout = layoutLanes(table);
  return {
    geometry: {
      widthCss: 800,
      heightCss: 600,
      dpr: 1,
      startNs: table.captureBeginNs,
      endNs: table.captureEndNs,
      threadCount: table.threads.length,
      rowCount: layout.rowCount,
      scrollTopCss: 0,
      ...geometry,
    },
    table,
    layout,
    events: threadEvents(table),
    colours: nameColours(table),
    emphasis: extra.emphasis ? maskedRows(layout.rowStart, layout.rowSpans, extra.emphasis) : null,
    emphasisEvents: extra.emphasis ? threadEvents(table, extra.emphasis) : null,
    selected: extra.selected ?? -1,
    hovered: extra.hovered ?? -1,
    pointer: extra.pointer ?? null,
    critical: extra.critical,
    theme: FALLBACK_THEME,
  };
}
