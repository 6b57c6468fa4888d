import { describe, expect, it } from 'vitest';
import { backingPx, changedSize } from './canvas-size';

describe('changedSize', () => {
  const current = { widthCss: 1400, heightCss: 367, dpr: 2 };

  it('is null when the box and the device pixel ratio are unchanged', () => {
    expect(changedSize(current, current.widthCss, current.heightCss, current.dpr)).toBeNull();
  });

  it('is the new size when the width, the height or the ratio changed', () => {
    expect(changedSize(current, 1401, 367, 2)).toEqual({ widthCss: 1401, heightCss: 367, dpr: 2 });
    expect(changedSize(current, 1400, 300, 2)).toEqual({ widthCss: 1400, heightCss: 300, dpr: 2 });
    expect(changedSize(current, 1400, 367, 1)).toEqual({ widthCss: 1400, heightCss: 367, dpr: 1 });
  });

  it('gives a first size to a canvas that had none', () => {
    const none = { widthCss: 0, heightCss: 0, dpr: 1 };
    expect(changedSize(none, 640, 480, 1)).toEqual({ widthCss: 640, heightCss: 480, dpr: 1 });
  });
});

describe('backingPx', () => {
  it('rounds CSS pixels times the ratio, never below one pixel', () => {
    expect(backingPx(100.4, 1.5)).toBe(Math.round(100.4 * 1.5));
    expect(backingPx(0, 2)).toBe(1);
  });
});
