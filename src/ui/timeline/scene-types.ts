// What one timeline frame draws from: the geometry, the span table and everything derived from it
// (lanes, thread events, colours, the emphasized subset), the selection and the theme. No React.
import type { GroupView } from '../../model/group-rows';
import type { LaneLayout } from '../../model/lanes';
import type { SpanTable } from '../../model/span-table';
import type { ThreadEvents } from '../../model/thread-events';
import type { TimelineGeometry } from './geometry';
import type { TimelineTheme } from './theme';

/** Spans of each lane row that a filter keeps (same array layout as LaneLayout's rows). */
export interface RowSubset {
  rowStart: Int32Array;
  rowSpans: Int32Array;
}

export interface TimelineScene {
  geometry: TimelineGeometry;
  table: SpanTable;
  layout: LaneLayout;
  /** The rows drawn under the groups' collapse state (lane-groups.ts); absent: the layout's. */
  groups?: GroupView;
  events: ThreadEvents;
  /** Palette slot per name index. */
  colours: Uint8Array;
  /** Spans a search or brush emphasizes; the others are dimmed. null: no filter. */
  emphasis: RowSubset | null;
  /** The emphasized spans' begin / end events per thread, drawn over the dimmed rest; null: no filter. */
  emphasisEvents: ThreadEvents | null;
  selected: number;
  hovered: number;
  /** The pointer over the canvas (CSS px), or null: name plates under it fade. */
  pointer: { xCss: number; yCss: number } | null;
  /** The selected span's critical path (src/model/critical-path.ts), outlined; absent: none. */
  critical?: number[];
  theme: TimelineTheme;
}

/** Where the controller shows the hover tooltip (an element in the panel). */
export interface TooltipView {
  show(lines: string[], xCss: number, yCss: number): void;
  hide(): void;
}

/** Frames drawn and the last one's cost (window.__weft, weft bench ui). */
export interface FrameStats {
  frames: number;
  /** What the last frame took to draw. */
  lastFrameMs: number;
  /** performance.now() when the last frame was drawn. */
  lastFrameAtMs: number;
}
