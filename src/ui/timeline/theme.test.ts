// The palette has a colour for every slot the name colouring hands out (model/name-colours.ts),
// in both themes; slots computed ahead (the view worker) index it like slots computed here.
import { describe, expect, it } from 'vitest';
import { NAME_SLOTS } from '../../model/name-colours';
import { markerPaletteFor, paletteFor, PALETTE_SIZE } from './theme';

describe('timeline palette', () => {
  it('has NAME_SLOTS distinct colours in each theme', () => {
    expect(PALETTE_SIZE).toBe(NAME_SLOTS);
    for (const dark of [false, true]) {
      expect(new Set(paletteFor(dark)).size).toBe(NAME_SLOTS);
      expect(markerPaletteFor(dark)).toHaveLength(NAME_SLOTS);
    }
  });
});
