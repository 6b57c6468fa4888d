// When a long load draws a preview: the view of the blocks merged so far, shown while ingest
// merges the rest (the full view replaces it once everything is merged, keeping the zoom and the
// selection; the window it opened on gives way to the full view's unless the user moved it).
// Previews are spaced geometrically in time (the first after PREVIEW_FIRST_MS, each
// next one PREVIEW_SPACING times later than the previous, and later than PREVIEW_SPACING times
// the previous one's cost), so the work they add stays a bounded share of the load's whatever its
// length and the machine's speed, and none is drawn once most of the load is merged
// (the full view is near). No React.

import type { SpanTable } from '../model/span-table';
import type { TimeWindow } from './view-state';

/** Time after a load starts before its first preview (a short load shows its full view first). */
export const PREVIEW_FIRST_MS = 250;
/**
 * Each preview is taken at least this many times later (since the load's start) than the last.
 * A preview's render runs on the thread that merges, and its build takes a core from the
 * decoders: large, 3x, took a second preview ~0.8 s in and delayed its full view by ~1.7 s;
 * 8x leaves a second preview to loads still far from done seconds in (a slow network).
 */
export const PREVIEW_SPACING = 8;
/**
 * No preview once this fraction of the load is merged: the rest, taking at least twice as long
 * as what is merged so far, leaves a preview time to be built and seen before the full view
 * (medium: ~40% merged 250 ms after the start, its full view ~350 ms later, a preview in between
 * only delays it).
 */
export const PREVIEW_MAX_FRACTION = 1 / 3;

/**
 * The window a preview opens on: from the capture's begin to its last span's begin. Its spans
 * all begin there (those whose begin is still loading are not in it); the capture may reach
 * further (an open span, a thread whose merged block spans long), but that is what is complete.
 */
export function previewWindow(table: SpanTable): TimeWindow {
  // rows are sorted by begin (span-table.ts): the last row begins last (a loop over large's
  // preview rows was a third of the task that shows it)
  const n = table.length;
  const lastBeginNs = Math.max(table.captureBeginNs, n > 0 ? table.beginNs[n - 1] : -Infinity);
  const pad = Math.max(1, (lastBeginNs - table.captureBeginNs) * 0.01);
  return { startNs: table.captureBeginNs - pad, endNs: lastBeginNs + pad };
}

/** What the shown preview holds, for the words that say the view is partial. */
export interface PreviewInfo {
  /** Fraction of the load merged when the preview was taken, 0..1. */
  fraction: number;
  /** Spans in the preview's table: those whose begin is merged (view-build.ts begunRows). */
  spans: number;
}

/** The last preview: when it was taken and how long it took to be built and shown (ms). */
export interface LastPreview {
  atMs: number;
  /** Null while it is still building. */
  costMs: number | null;
}

/**
 * Whether a preview is due `elapsedMs` after the load started, with `fraction` of it merged,
 * after `last` (null: none yet). A next one comes PREVIEW_SPACING times later than the last was
 * taken, and no sooner than PREVIEW_SPACING times the last one's cost after it: previews take at
 * most about 1/PREVIEW_SPACING of the load's time however slow the machine (a preview grows with
 * what is merged: on a slow machine, large's second preview took 2.8 s and delayed its full view).
 */
export function previewDue(elapsedMs: number, fraction: number, last: LastPreview | null): boolean {
  if (fraction >= PREVIEW_MAX_FRACTION) return false;
  if (last === null) return elapsedMs >= PREVIEW_FIRST_MS;
  if (last.costMs === null) return false;
  return (
    elapsedMs >= last.atMs * PREVIEW_SPACING &&
    elapsedMs >= last.atMs + last.costMs * PREVIEW_SPACING
  );
}

/** The words for a preview: how much of the load it shows, and what may still change. */
export function previewText({ fraction, spans }: PreviewInfo): string {
  // a small part says so (0.6%, not 0%), never rounded up to what is not merged yet
  const percent =
    fraction < 0.1 ? (Math.floor(fraction * 1000) / 10).toFixed(1) : Math.floor(fraction * 100);
  return (
    `preview of the first ${percent}% merged (${spans.toLocaleString('en-US')} spans begun): ` +
    'their ends and more spans may be in blocks still loading'
  );
}
