// Packed span rows come back exactly: every column, for any values (64-bit extremes, wrapping
// differences, chunks of every width, lengths around the chunk size), and rows of a real capture
// take a fraction of their bytes.
import { describe, expect, test } from 'vitest';
import { expectedSummary } from '../decode/testing';
import { fixtureFiles } from '../db/testing';
import { bytesSource, inlinePort } from './ports';
import { packedBytes, packSpans, packSteps, unpackSpans, unpackSteps } from './packed-spans';
import { Scheduler } from './scheduler';
import type { SpanColumns } from './span-accumulator';
import { differingColumns } from './testing';

const EXTREMES_64 = [0n, 1n, -1n, (1n << 63n) - 1n, -(1n << 63n), 1n << 32n, (1n << 32n) - 1n];
const EXTREMES_32 = [0, 1, -1, 0x7fffffff, -0x80000000, 255, 256, 65535, 65536];

/** Repeatable pseudo-random integers in [0, 2^31). */
function randoms(seed: number) {
  return () => (seed = (seed * 16807) % 2147483647);
}

/** Columns whose chunks need every width: constant, small, 16-bit, 32-bit and 64-bit steps. */
function hostile(n: number, seed: number): SpanColumns {
  const next = randoms(seed);
  const pick64 = (i: number) => {
    const kind = Math.floor(i / 700) % 5; // runs that straddle the 1024-row chunks
    if (kind === 0) return 42n;
    if (kind === 1) return BigInt(next() % 200) - 100n;
    if (kind === 2) return BigInt(next() % 60000);
    if (kind === 3) return BigInt(next()) * 2n;
    return EXTREMES_64[next() % EXTREMES_64.length] ^ BigInt(next() % 3);
  };
  const pick32 = (i: number) =>
    i % 3 === 0 ? EXTREMES_32[next() % EXTREMES_32.length] : (next() % 1000) - 500;
  const int32 = () => Int32Array.from({ length: n }, (_, i) => pick32(i));
  return {
    length: n,
    spanId: BigInt64Array.from({ length: n }, (_, i) => pick64(i)),
    parentSpanId: BigInt64Array.from({ length: n }, (_, i) => pick64(n - i)),
    beginTicks: BigInt64Array.from({ length: n }, (_, i) => pick64(i + 350)),
    endTicks: BigInt64Array.from({ length: n }, (_, i) => pick64(i * 7)),
    depth: Uint32Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 0xffffffff : pick32(i))),
    scopeKey: int32(),
    beginBlock: int32(),
    endBlock: int32(),
    begins: int32(),
    ends: int32(),
  };
}

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
