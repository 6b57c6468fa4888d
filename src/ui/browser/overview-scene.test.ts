import { describe, expect, it } from 'vitest';
import type { BlockOverview } from '../../store/remote-source';
import { overviewRows, timeScale } from './overview-scene';

const overview: BlockOverview = {
  processId: 'p',
  beginNs: 1_700_000_000_000_000_000n,
  endNs: 1_700_000_010_000_000_000n,
  bucketCount: 2,
  bucketNs: 5e9,
  totalObjects: 9,
  cpuObjects: 7,
  totalBlocks: 3,
  threads: [
    { streamId: 'l', name: 'log', cpu: false, events: [2, 0], blocks: [1, 0] },
    { streamId: 'a', name: 'worker', cpu: true, events: [3, 4], blocks: [1, 1] },
  ],
  spans: [],
};

describe('overview scene', () => {
  it('draws a total row, then cpu threads before the others', () => {
    expect(overviewRows(overview).map((r) => [r.name, r.events])).toEqual([
      ['all threads', [5, 4]],
      ['worker', [3, 4]],
      ['log', [2, 0]],
    ]);
  });

  it('maps pixels to exact epoch ns inside the extent (clamped at the ends)', () => {
    const { toNs, toPx } = timeScale(overview, 1164);
    expect(toNs(toPx(overview.beginNs))).toBe(overview.beginNs);
    expect(toNs(toPx(overview.endNs))).toBe(overview.endNs);
    expect(toNs(-50)).toBe(overview.beginNs);
    expect(toNs(5000)).toBe(overview.endNs);
    const mid = toNs((toPx(overview.beginNs) + toPx(overview.endNs)) / 2);
    expect(mid).toBe(overview.beginNs + 5_000_000_000n);
  });
});
