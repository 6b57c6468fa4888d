import { describe, expect, test } from 'vitest';
import { makeSpanTable } from '../../model/testing';
import { recordingContext } from '../chart/testing';
import { drawAxis } from './axis-layer';
import { sceneFor } from './testing';

/** A recording context whose measureText follows the font size, as a real canvas does. */
function fontAwareContext() {
  const rec = recordingContext();
  const fontPx = () => Number(/(\d+)px/.exec(String(rec.ctx.font))?.[1] ?? 10);
  const measure = (text: string) => ({ width: String(text).length * 0.6 * fontPx() });
  const ctx = new Proxy(rec.ctx, {
    get: (target, key) => (key === 'measureText' ? measure : Reflect.get(target, key)),
    set: (target, key, value) => Reflect.set(target, key, value),
  });
  return { ...rec, ctx, measure };
}

const CLOCK = /^\d\d:\d\d:\d\d/;

describe('drawAxis', () => {
  const table = makeSpanTable([{ spanId: 1, parentSpanId: 0, beginNs: 0, endNs: 10e9 }]);

  test.each([
    [1, 150],
    [2, 150],
    [1, 3_200],
    [2, 31_600],
    [1, 316_000],
    [2, 30],
  ])('at DPR %i a %i ns window draws clock labels that do not overlap', (dpr, windowNs) => {
    const startNs = 1_234_567;
    const scene = sceneFor(table, { widthCss: 1400, dpr, startNs, endNs: startNs + windowNs });
    const rec = fontAwareContext();
    drawAxis(rec.ctx, scene);
    rec.ctx.font = `${Math.round(11 * dpr)}px sans-serif`; // the axis font, for measuring
    const labels = rec
      .calls('fillText')
      .map((c) => ({ text: String(c.args[0]), xPx: Number(c.args[1]) }))
      .filter((l) => CLOCK.test(l.text));
    expect(labels.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < labels.length; i++) {
      const endPx = labels[i - 1].xPx + rec.measure(labels[i - 1].text).width;
      expect(labels[i].xPx).toBeGreaterThan(endPx);
    }
  });
});
