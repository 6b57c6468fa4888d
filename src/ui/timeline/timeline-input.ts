// What the wheel and the keyboard do in the timeline: wheel or pinch zooms at the pointer,
// Shift/Alt+wheel scrolls the lanes, a sideways swipe pans; W/S zoom, A/D pan, F frames the
// selection, n/N step through matches, ↑/↓ and Page keys scroll the lanes, ←/→ collapse or expand
// the selected span (← on a leaf: its parent), G every root-task group, ] / [ scroll to the next /
// previous group. Outside the timeline (the tree, the histogram, anywhere but a text field)
// W/A/S/D and F still move it, and `/` or Ctrl+F focus the name search. No React.
import type { ChartPoint } from '../chart/ChartCanvas';
import { lanesTopCss, rowCssOf } from './geometry';
import type { TimelineController } from './timeline-controller';
import { setAllGroups, stepGroup, toggleSelectedGroup } from './timeline-groups';

const LINE_CSS = 16;

function wheelDeltaCss(e: WheelEvent, value: number, pageCss: number): number {
  if (e.deltaMode === 1) return value * LINE_CSS;
  if (e.deltaMode === 2) return value * pageCss;
  return value;
}

export function handleWheel(c: TimelineController, e: WheelEvent, point: ChartPoint): void {
  const pageCss = c.size.heightCss || 400;
  const dy = wheelDeltaCss(e, e.deltaY, pageCss);
  const dx = wheelDeltaCss(e, e.deltaX, pageCss);
  if (e.shiftKey || e.altKey) {
    // browsers turn Shift+wheel into a sideways delta on some systems
    c.scrollBy(dy !== 0 ? dy : dx);
    return;
  }
  if (Math.abs(dx) > Math.abs(dy)) {
    c.pan(dx / Math.max(1, c.size.widthCss));
    return;
  }
  // pinch arrives as ctrl+wheel with small deltas: zoom faster per unit
  const rate = e.ctrlKey || e.metaKey ? 0.01 : 0.002;
  c.zoom(Math.exp(dy * rate), point.xCss);
}

const ZOOM_STEP = 0.8;
const PAN_STEP = 0.15;

/** Keys that move the timeline from anywhere on the page (outside text fields). */
const GLOBAL_KEYS = new Set(['w', 'a', 's', 'd', 'f', 'c']);

/** Whether typing in `target` must not be taken as a shortcut (inputs, text areas, selects). */
export function isTextEntry(target: EventTarget | null): boolean {
  const el = target as { tagName?: unknown; isContentEditable?: unknown } | null;
  if (!el || typeof el.tagName !== 'string') return false;
  return el.isContentEditable === true || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName);
}

/**
 * A key that reached the page without being used (the timeline's own keys are handled by its
 * focused element first): `/` and Ctrl+F focus the search; W/A/S/D and F move the timeline.
 * Returns whether it was used.
 */
export function handleGlobalKey(
  c: TimelineController,
  e: KeyboardEvent,
  focusSearch: () => void,
): boolean {
  const key = e.key.toLowerCase();
  if ((e.ctrlKey || e.metaKey) && !e.altKey && key === 'f') {
    focusSearch();
    return true;
  }
  if (isTextEntry(e.target) || e.ctrlKey || e.metaKey || e.altKey) return false;
  if (key === '/') {
    focusSearch();
    return true;
  }
  return GLOBAL_KEYS.has(key) && handleKey(c, e);
}

/** Handles a key pressed while the timeline has focus; returns whether it was used. */
export function handleKey(c: TimelineController, e: KeyboardEvent): boolean {
  if (e.ctrlKey || e.metaKey || e.altKey) return false;
  const g = c.geometry();
  const rowCss = rowCssOf(g);
  const pageCss = Math.max(rowCss, g.heightCss - lanesTopCss(g) - rowCss);
  const actions: Record<string, () => unknown> = {
    w: () => c.zoom(ZOOM_STEP),
    s: () => c.zoom(1 / ZOOM_STEP),
    a: () => c.pan(-PAN_STEP),
    d: () => c.pan(PAN_STEP),
    f: () => c.frameSelection(),
    c: () => c.store.getState().setCompactRows(!c.store.getState().compactRows),
    n: () => c.step(e.shiftKey ? -1 : 1),
    arrowleft: () => toggleSelectedGroup(c, true),
    arrowright: () => toggleSelectedGroup(c, false),
    g: () => setAllGroups(c, !c.store.getState().groupsCollapsed),
    ']': () => stepGroup(c, 1),
    '[': () => stepGroup(c, -1),
    arrowup: () => c.scrollBy(-rowCss),
    arrowdown: () => c.scrollBy(rowCss),
    pageup: () => c.scrollBy(-pageCss),
    pagedown: () => c.scrollBy(pageCss),
    home: () => c.scrollBy(-Infinity),
    end: () => c.scrollBy(Infinity),
  };
  const action = actions[e.key.toLowerCase()];
  if (!action) return false;
  action();
  return true;
}
