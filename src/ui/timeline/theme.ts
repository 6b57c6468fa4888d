// Colours of the timeline canvas: read from the shell's CSS custom properties (theme.css; light or
// dark follows the system), with fallbacks, plus the palette span names take their colours from
// (src/model/name-colours.ts picks each name's slot; the slots are the same in both themes).
// No React.

import type { Steps } from '../../base/time-slices';
import { NAME_SLOTS, nameSlots, nameSlotsSteps } from '../../model/name-colours';

export interface TimelineTheme {
  bg: string;
  fg: string;
  muted: string;
  accent: string;
  grid: string;
  panel: string;
  border: string;
  fontUi: string;
  dark: boolean;
  /** Bar colours; a name's colour is palette[colours[nameIndex]] (nameColours). */
  palette: string[];
  /** Stronger versions of the palette, for thin event markers on the thread lanes. */
  markerPalette: string[];
  /** Text drawn on bars. */
  barText: string;
}

/**
 * Slot hues, ordered so that neighbouring slots (consecutive first appearances) are far apart:
 * twelve well-separated hues, then eight in between them drawn a step darker (light theme) or
 * lighter (dark theme), so names 13–20 still differ from the first twelve.
 */
const HUES = [212, 28, 140, 352, 268, 48, 184, 320, 100, 240, 8, 164];
const SECOND_HUES = [76, 296, 124, 196, 336, 256, 16, 152];
/** One colour per name slot (a test checks the hues give NAME_SLOTS of them). */
export const PALETTE_SIZE = NAME_SLOTS;

function slotColours(first: (hue: number) => string, second: (hue: number) => string): string[] {
  return [...HUES.map(first), ...SECOND_HUES.map(second)];
}

export function paletteFor(dark: boolean): string[] {
  return dark
    ? slotColours(
        (h) => `hsl(${h} 42% 58%)`,
        (h) => `hsl(${h} 55% 70%)`,
      )
    : slotColours(
        (h) => `hsl(${h} 68% 74%)`,
        (h) => `hsl(${h} 60% 62%)`,
      );
}

export function markerPaletteFor(dark: boolean): string[] {
  return dark
    ? slotColours(
        (h) => `hsl(${h} 70% 70%)`,
        (h) => `hsl(${h} 80% 80%)`,
      )
    : slotColours(
        (h) => `hsl(${h} 75% 38%)`,
        (h) => `hsl(${h} 80% 28%)`,
      );
}

const LIGHT: Omit<TimelineTheme, 'palette' | 'markerPalette' | 'dark'> = {
  bg: '#ffffff',
  fg: '#1d2128',
  muted: '#6a7280',
  accent: '#2f6fdb',
  grid: '#e6e8ec',
  panel: '#f6f7f9',
  border: '#d5d9e0',
  fontUi: 'system-ui, sans-serif',
  barText: '#14171c',
};

export const FALLBACK_THEME: TimelineTheme = {
  ...LIGHT,
  dark: false,
  palette: paletteFor(false),
  markerPalette: markerPaletteFor(false),
};

/** Perceived lightness of a CSS colour we can parse (#rgb, #rrggbb, rgb()); 1 when unknown. */
export function lightness(colour: string): number {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour.trim());
  let rgb: number[] | null = null;
  if (hex) {
    const h = hex[1].length === 3 ? [...hex[1]].map((c) => c + c).join('') : hex[1];
    rgb = [0, 2, 4].map((k) => parseInt(h.slice(k, k + 2), 16));
  } else {
    const m = /rgba?\(([^)]+)\)/.exec(colour);
    if (m)
      rgb = m[1]
        .split(/[ ,/]+/)
        .slice(0, 3)
        .map(Number);
  }
  if (!rgb || rgb.some((v) => Number.isNaN(v))) return 1;
  return (0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2]) / 255;
}

/** Reads the theme from the custom properties in effect on `element`. */
export function readTheme(element: Element): TimelineTheme {
  const style = getComputedStyle(element);
  const get = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const bg = get('--bg', LIGHT.bg);
  const dark = lightness(bg) < 0.5;
  return {
    bg,
    fg: get('--fg', LIGHT.fg),
    muted: get('--muted', LIGHT.muted),
    accent: get('--accent', LIGHT.accent),
    grid: get('--grid', LIGHT.grid),
    panel: get('--panel', LIGHT.panel),
    border: get('--border', LIGHT.border),
    fontUi: get('--font-ui', LIGHT.fontUi),
    dark,
    palette: paletteFor(dark),
    markerPalette: markerPaletteFor(dark),
    barText: dark ? '#0b0d10' : LIGHT.barText,
  };
}

/**
 * The theme of a page element, read once and again only after `invalidate` (the colour scheme
 * changed): getComputedStyle in every frame forced the page's pending style recalculation into
 * the timeline's draw (large: tens of ms a frame while a load updated the page).
 */
export class ThemeReader {
  private theme: TimelineTheme | null = null;

  constructor(
    private readonly source: () => Element | null,
    private readonly read: (element: Element) => TimelineTheme = readTheme,
  ) {}

  /** The element's theme (the fallback while there is no element: not kept). */
  current(): TimelineTheme {
    if (this.theme) return this.theme;
    const element = this.source();
    if (!element) return FALLBACK_THEME;
    this.theme = this.read(element);
    return this.theme;
  }

  invalidate(): void {
    this.theme = null;
  }
}

/** Palette slot per entry of `table.names` (see src/model/name-colours.ts). */
export function nameColours(table: Parameters<typeof nameSlots>[0]): Uint8Array {
  return nameSlots(table, PALETTE_SIZE);
}

/** nameColours as steps (base/time-slices.ts). */
export function nameColoursSteps(table: Parameters<typeof nameSlots>[0]): Steps<Uint8Array> {
  return nameSlotsSteps(table, PALETTE_SIZE);
}
