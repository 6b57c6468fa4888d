// Colours of the timeline canvas: read from the shell's CSS custom properties (theme.css; light or
// dark follows the system), with fallbacks, plus a palette that gives each span name a stable
// colour (FNV-1a hash of the name). No React.

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
  /** Bar colours; a name's colour is palette[nameColour(name)]. */
  palette: string[];
  /** Stronger versions of the palette, for thin event markers on the thread lanes. */
  markerPalette: string[];
  /** Text drawn on bars. */
  barText: string;
}

const HUES = [212, 28, 140, 352, 268, 48, 184, 320, 100, 240, 8, 164];

export function paletteFor(dark: boolean): string[] {
  return HUES.map((h) => (dark ? `hsl(${h} 42% 58%)` : `hsl(${h} 68% 74%)`));
}

export function markerPaletteFor(dark: boolean): string[] {
  return HUES.map((h) => (dark ? `hsl(${h} 70% 70%)` : `hsl(${h} 75% 38%)`));
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

/** Palette slot of a name: FNV-1a over its UTF-16 code units, stable across runs. */
export function nameColour(name: string, paletteSize = HUES.length): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % paletteSize;
}

export function nameColours(names: string[]): Uint8Array {
  return Uint8Array.from(names, (n) => nameColour(n));
}
