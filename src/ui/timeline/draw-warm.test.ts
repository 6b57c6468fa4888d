// The renderer's warm-up (draw-warm.ts) draws the bundled sample's process as a load would draw
// it: every frame draws span bars and thread events, each in a step of its own, at several zooms.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCborFiles } from '../../decode/testing';
import { warmLoadPath } from '../../store/warm-up';
import { recordingContext } from '../chart/testing';
import { drawTimeline } from './timeline-scene';
import { warmDrawSteps } from './draw-warm';
import { sceneFor } from './testing';
import { spanTableFromColumns } from '../../queries/span-table-columns';

async function sampleInput() {
  const files = readCborFiles(join(__dirname, '../../../public/sample'));
  const input = await warmLoadPath(
    files.map(([path, bytes]) => ({ path, bytes })),
    new AbortController().signal,
  );
  return input!;
}

describe('the timeline renderer warm-up', () => {
  it('draws the sample in frames of its own, each as the whole-capture frame draws', async () => {
    const input = await sampleInput();
    const canvas = { widthCss: 1200, heightCss: 480, dpr: 1 };
    const warm = recordingContext();
    const steps = warmDrawSteps(input, { ...canvas, ctx: warm.ctx });
    const opsPerStep: number[] = [];
    let next = steps.next();
    while (!next.done) {
      opsPerStep.push(warm.log.length - opsPerStep.reduce((a, b) => a + b, 0));
      next = steps.next();
    }
    expect(next.value).toBe(opsPerStep.length);
    expect(opsPerStep.length).toBeGreaterThan(4);
    expect(opsPerStep.every((ops) => ops > 0)).toBe(true);
    // its first frame (the whole capture) is what the panel draws for that window
    const table = spanTableFromColumns(input);
    const direct = recordingContext();
    drawTimeline(direct.ctx, sceneFor(table, canvas));
    expect(warm.log.slice(0, opsPerStep[0])).toEqual(direct.log);
    expect(direct.calls('fillRect').length).toBeGreaterThan(table.threads.length);
  });
});
