// The palette has a colour for every slot the name colouring hands out (model/name-colours.ts),
// in both themes; slots computed ahead (the view worker) index it like slots computed here.
import { describe, expect, it } from 'vitest';
import { NAME_SLOTS } from '../../model/name-colours';
import { FALLBACK_THEME, markerPaletteFor, paletteFor, PALETTE_SIZE, ThemeReader } from './theme';

describe('timeline palette', () => {
  it('has NAME_SLOTS distinct colours in each theme', () => {
    expect(PALETTE_SIZE).toBe(NAME_SLOTS);
    for (const dark of [false, true]) {
      expect(new Set(paletteFor(dark)).size).toBe(NAME_SLOTS);
      expect(markerPaletteFor(dark)).toHaveLength(NAME_SLOTS);
    }
  });
});

describe('ThemeReader', () => {
  const element = {} as Element;
  const reader = (source: () => Element | null) => {
    const reads: Element[] = [];
    const themes = new ThemeReader(source, (el) => {
      reads.push(el);
      return { ...FALLBACK_THEME, bg: `read ${reads.length}` };
    });
    return { themes, reads };
  };

  it('reads the element once, then again only after invalidate', () => {
    const { themes, reads } = reader(() => element);
    const first = themes.current();
    expect(themes.current()).toBe(first);
    expect(reads).toEqual([element]);
    themes.invalidate();
    expect(themes.current()).not.toBe(first);
    expect(reads).toEqual([element, element]);
  });

  it('gives the fallback without an element, and reads once there is one', () => {
    let source: Element | null = null;
    const { themes, reads } = reader(() => source);
    expect(themes.current()).toBe(FALLBACK_THEME);
    source = element;
    expect(themes.current().bg).toBe('read 1');
    expect(reads).toEqual([element]);
  });
});
