// The workspace's split (timeline height, histogram width, SQL console height), remembered per
// browser in localStorage as fractions of the window, so a reload or the next capture opens with
// the panels where the user put them. What storage holds is checked (a number in range per
// field, else the default): it is text any page of this origin may have written. No React.

/** Each panel's share of the window: heights of innerHeight, the histogram's of innerWidth. */
export interface SplitFractions {
  timeline: number;
  histogram: number;
  sql: number;
}

/**
 * The timeline, weft's main view, takes most of the height: at 1400×900 its async lanes get ~15
 * rows below the thread lanes (9 at the former 0.48), the span tree and histogram the rest.
 */
export const DEFAULT_SPLIT: SplitFractions = { timeline: 0.6, histogram: 0.36, sql: 0.3 };

const KEY = 'weft.layout';
const MIN_FRACTION = 0.05;
const MAX_FRACTION = 0.95;

/** Storage as the browser gives it; tests pass their own. */
export type SplitStorage = Pick<Storage, 'getItem' | 'setItem'>;

function browserStorage(): SplitStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage refused (private mode, sandboxed frame)
  }
}

const inRange = (v: unknown): v is number =>
  typeof v === 'number' && Number.isFinite(v) && v >= MIN_FRACTION && v <= MAX_FRACTION;

/** The split last written, each field checked; the default where absent or unusable. */
export function readSplit(storage: SplitStorage | null = browserStorage()): SplitFractions {
  let stored: unknown = null;
  try {
    stored = JSON.parse(storage?.getItem(KEY) ?? 'null');
  } catch {
    stored = null; // not JSON: the defaults
  }
  const fields = typeof stored === 'object' && stored !== null ? stored : {};
  const pick = (name: keyof SplitFractions) => {
    const value = (fields as Record<string, unknown>)[name];
    return inRange(value) ? value : DEFAULT_SPLIT[name];
  };
  return { timeline: pick('timeline'), histogram: pick('histogram'), sql: pick('sql') };
}

/** Remembers the split (each fraction clamped to range; a non-number gives the default). */
export function writeSplit(
  split: SplitFractions,
  storage: SplitStorage | null = browserStorage(),
): void {
  const clamp = (v: number, name: keyof SplitFractions) =>
    Number.isFinite(v) ? Math.min(MAX_FRACTION, Math.max(MIN_FRACTION, v)) : DEFAULT_SPLIT[name];
  const names = ['timeline', 'histogram', 'sql'] as const;
  const value = Object.fromEntries(names.map((name) => [name, clamp(split[name], name)]));
  try {
    storage?.setItem(KEY, JSON.stringify(value));
  } catch {
    // storage full or refused: the split lasts for this page only
  }
}
