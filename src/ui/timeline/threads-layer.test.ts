import { describe, expect, test } from 'vitest';
import { makeSpanTable } from '../../model/testing';
import { recordingContext } from '../chart/testing';
import { threadTopCss, THREAD_ROW_CSS } from './geometry';
import { sceneFor } from './testing';
import { drawTimeline } from './timeline-scene';
import { YIELDED_PLATE_ALPHA } from './threads-layer';

const table = makeSpanTable([
  { spanId: 1, parentSpanId: 0, beginNs: 0, endNs: 1000, beginThread: 0, endThread: 1 },
  { spanId: 2, parentSpanId: 1, beginNs: 10, endNs: 500, beginThread: 1, endThread: 1 },
]);

/** The alpha each thread's name is drawn with. */
function nameAlphas(pointer: { xCss: number; yCss: number } | null, dpr = 1) {
  const rec = recordingContext();
  drawTimeline(rec.ctx, sceneFor(table, { dpr }, { pointer }));
  return table.threads.map(
    (thread) => rec.calls('fillText').find((c) => c.args[0] === thread.name)!.globalAlpha,
  );
}

describe('thread name plates', () => {
  test.each([1, 2])('yield to the pointer at DPR %i: the name over it fades', (dpr) => {
    expect(nameAlphas(null, dpr)).toEqual([1, 1]);
    const overFirst = { xCss: 6, yCss: threadTopCss(0) + THREAD_ROW_CSS / 2 };
    expect(nameAlphas(overFirst, dpr)).toEqual([YIELDED_PLATE_ALPHA, 1]);
    const overSecond = { xCss: 6, yCss: threadTopCss(1) + THREAD_ROW_CSS / 2 };
    expect(nameAlphas(overSecond, dpr)).toEqual([1, YIELDED_PLATE_ALPHA]);
    // right of the plate: the name stays readable
    expect(nameAlphas({ xCss: 700, yCss: overFirst.yCss }, dpr)).toEqual([1, 1]);
  });
});
