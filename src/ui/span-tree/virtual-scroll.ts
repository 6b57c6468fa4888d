// Geometry of a virtualized list of fixed-height rows: which rows a scroll position shows and
// where to draw them, and the scroll position that brings a row into view. Browsers cap an
// element's height (Chrome ≈ 33.5M px, Firefox ≈ 17.9M px), so past MAX_SCROLL_PX the scrollbar
// covers a scaled-down spacer and scroll positions map linearly onto the rows. No React, no DOM.

export const MAX_SCROLL_PX = 8_000_000;

export interface RowWindow {
  /** First row drawn, and one past the last. */
  first: number;
  end: number;
  /** Where row `first`'s top goes, in the scroll content's coordinates (px). */
  topPx: number;
}

/** Height of the spacer that gives the list its scrollbar. */
export function spacerPx(count: number, rowPx: number): number {
  return Math.min(count * rowPx, MAX_SCROLL_PX);
}

/** Content pixels (as if unscaled) per scroll pixel; 1 until the list outgrows MAX_SCROLL_PX. */
function contentPerScrollPx(count: number, rowPx: number, viewportPx: number): number {
  const totalPx = count * rowPx;
  const spacer = spacerPx(count, rowPx);
  if (totalPx <= spacer || spacer <= viewportPx) return 1;
  return (totalPx - viewportPx) / (spacer - viewportPx);
}

/** Rows visible at `scrollTopPx`, plus `overscan` rows on each side. */
export function rowWindow(
  scrollTopPx: number,
  viewportPx: number,
  count: number,
  rowPx: number,
  overscan = 4,
): RowWindow {
  const scale = contentPerScrollPx(count, rowPx, viewportPx);
  const maxOffsetPx = Math.max(0, count * rowPx - viewportPx);
  const offsetPx = Math.min(Math.max(scrollTopPx, 0) * scale, maxOffsetPx);
  const firstVisible = Math.floor(offsetPx / rowPx);
  const first = Math.max(0, firstVisible - overscan);
  const end = Math.min(count, Math.ceil((offsetPx + viewportPx) / rowPx) + overscan);
  // Row k's top in content coordinates: scrollTop + (k·rowPx − offset).
  const topPx = scrollTopPx + first * rowPx - offsetPx;
  return { first, end, topPx };
}

/** The scroll position that shows row `row` with the least movement from `scrollTopPx`. */
export function scrollTopToReveal(
  row: number,
  scrollTopPx: number,
  viewportPx: number,
  count: number,
  rowPx: number,
): number {
  const scale = contentPerScrollPx(count, rowPx, viewportPx);
  const offsetPx = scrollTopPx * scale;
  const rowTopPx = row * rowPx;
  let target = offsetPx;
  if (rowTopPx < offsetPx) target = rowTopPx;
  else if (rowTopPx + rowPx > offsetPx + viewportPx) target = rowTopPx + rowPx - viewportPx;
  else return scrollTopPx;
  // When scaled, centre the row instead: rounding of the scroll position then cannot hide it.
  if (scale !== 1) target = rowTopPx + rowPx / 2 - viewportPx / 2;
  const maxScrollPx = Math.max(0, spacerPx(count, rowPx) - viewportPx);
  return Math.min(Math.max(target / scale, 0), maxScrollPx);
}
