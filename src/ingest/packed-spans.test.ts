// Packed span rows come back exactly: every column, for any values (64-bit extremes, wrapping
// differences, chunks of every width, lengths around the chunk size), and rows of a real capture
// take a fraction of their bytes.
import { describe, expect, test } from 'vitest';
import { expectedSummary } from '../decode/testing';
import { fixtureFiles } from '../db/testing';
import { bytesSource, inlinePort } from './ports';
import { packedBytes, packSpans, packSteps } from './packed-spans';
import { unpackSpans, unpackSteps } from './packed-spans-reader';
import { Scheduler } from './scheduler';
import type { SpanColumns } from './span-accumulator';
import { differingColumns, hostileSpans as hostile } from './testing';

async function roundTrip(spans: SpanColumns): Promise<SpanColumns> {
  return unpackSpans(packSpans(spans));
}

describe('packSpans / unpackSpans', () => {
  test.each([0, 1, 2, 1023, 1024, 1025, 5000, 70_000])(
    '%i hostile rows come back exactly',
    async (n) => {
      const spans = hostile(n, n + 3);
      expect(await roundTrip(spans)).toEqual(spans);
    },
  );

  test('packing reads the columns without changing them; both run a column per step', () => {
    const spans = hostile(3000, 9);
    const copy = structuredClone(spans);
    const count = <T>(steps: Generator<void, T>): [number, T] => {
      for (let n = 0; ; n++) {
        const step = steps.next();
        if (step.done) return [n, step.value];
      }
    };
    const [packSteps_, packed] = count(packSteps(spans));
    expect(spans).toEqual(copy);
    const columns = Object.keys(spans).length - 1;
    expect(packSteps_).toBe(columns);
    const [unpackSteps_, rows] = count(unpackSteps(packed));
    expect(unpackSteps_).toBe(columns - 3); // the 32-bit block and depth columns share a step
    expect(rows).toEqual(copy);
    // 70,000 rows are 69 chunks: framing them and filling them each pause once more per column,
    // and the five columns packed as differences (halves-math.ts) pause once as they are taken
    const [bigSteps] = count(packSteps(hostile(70_000, 9)));
    expect(bigSteps).toBe(3 * columns + 5);
  });

  test("a real capture's rows: exactly, in under a third of their bytes", async () => {
    const files = fixtureFiles('medium');
    const scheduler = new Scheduler([inlinePort()], idleSink(), () => {});
    await scheduler.add(files.map(([path, bytes]) => bytesSource(path, bytes)));
    const { spans } = scheduler.processSpans(expectedSummary('medium').process_id);
    scheduler.terminate();
    expect(spans.length).toBe(expectedSummary('medium').distinct_span_ids);
    const packed = packSpans(spans);
    expect(differingColumns(unpackSpans(packed), spans)).toEqual([]);
    const raw = Object.values(spans).reduce(
      (sum: number, c) => sum + (typeof c === 'number' ? 0 : c.byteLength),
      0,
    );
    expect(packedBytes(packed)).toBeLessThan(raw / 3);
  });
});

function idleSink() {
  const none = async () => {};
  return { insert: none, replaceSpans: none, setTimeConverter: none, finish: none };
}
