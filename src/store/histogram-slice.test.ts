import { describe, expect, test } from 'vitest';
import type { DurationHistogram } from '../model/histogram';
import { histogramOfSpans } from '../model/histogram-of-spans';
import { randomSpanTable } from '../model/testing';
import type { SpanTable } from '../model/span-table';
import {
  createHistogramStore,
  sameRequest,
  tableHistogramSource,
  type HistogramRequest,
} from './histogram-slice';

const histogram = (count: number): DurationHistogram => ({
  bins: [{ bin: 30, count }],
  count,
  excludedCount: 0,
  p50Ns: 1000,
  p90Ns: 1000,
  p99Ns: 1000,
  discrete: { p50Ns: 1000, p90Ns: 1000, p99Ns: 1000 },
  minNs: 1000,
  maxNs: 1000,
});

/** A source whose answers are released by hand, to make them arrive out of order. */
function manualSource() {
  const pending: {
    name: string | null;
    resolve(h: DurationHistogram): void;
    reject(e: Error): void;
  }[] = [];
  const source = (_processId: string, name: string | null) =>
    new Promise<DurationHistogram>((resolve, reject) => pending.push({ name, resolve, reject }));
  return { source, pending };
}

const request = (nameIndex: number, name: string | null): HistogramRequest => ({
  processId: 'p',
  nameIndex,
  name,
});

describe('histogram store', () => {
  test('loads, and keeps the previous data while the next request loads', async () => {
    const { source, pending } = manualSource();
    const store = createHistogramStore(source);
    const first = store.getState().load(request(0, 'a'));
    expect(store.getState()).toMatchObject({ loading: true, data: null });
    pending[0].resolve(histogram(5));
    await first;
    expect(store.getState()).toMatchObject({ loading: false, error: null });
    expect(store.getState().data?.count).toBe(5);
    expect(sameRequest(store.getState().dataRequest, request(0, 'a'))).toBe(true);
    void store.getState().load(request(1, 'b'));
    expect(store.getState().data?.count).toBe(5);
    expect(store.getState().request?.name).toBe('b');
  });

  test('an answer that arrives after a newer request is dropped', async () => {
    const { source, pending } = manualSource();
    const store = createHistogramStore(source);
    const older = store.getState().load(request(0, 'a'));
    const newer = store.getState().load(request(-1, null));
    pending[1].resolve(histogram(9));
    await newer;
    pending[0].resolve(histogram(1));
    await older;
    expect(store.getState().data?.count).toBe(9);
    expect(store.getState().dataRequest?.nameIndex).toBe(-1);
  });

  test('a failure is kept as text; null clears', async () => {
    const { source, pending } = manualSource();
    const store = createHistogramStore(source);
    const failing = store.getState().load(request(0, 'a'));
    pending[0].reject(new Error('Catalog Error: Table with name async_spans does not exist'));
    await failing;
    expect(store.getState()).toMatchObject({ loading: false, data: null });
    expect(store.getState().error).toContain('async_spans');
    await store.getState().load(null);
    expect(store.getState()).toMatchObject({ request: null, error: null, loading: false });
  });
});

describe('tableHistogramSource', () => {
  // equality with the SQL, name by name, is src/model/histogram-of-spans.test.ts'
  test('answers from the table of the process shown, else asks the fallback', async () => {
    const table = randomSpanTable(7, 500);
    const asked: [string, string | null][] = [];
    const source = tableHistogramSource(
      (processId) => (processId === 'shown' ? table : null),
      async (processId, name) => {
        asked.push([processId, name]);
        return histogram(-1);
      },
    );
    expect(await source('shown', null)).toEqual(histogramOfSpans(table, null, -1));
    for (const [k, name] of table.names.entries())
      expect(await source('shown', name)).toEqual(histogramOfSpans(table, null, k));
    expect(asked).toEqual([]);
    await source('other', null);
    await source('shown', 'a name the table lacks');
    expect(asked).toEqual([
      ['other', null],
      ['shown', 'a name the table lacks'],
    ]);
  });

  test('answers from the table only once a frame of it is drawn', async () => {
    const table = randomSpanTable(3, 200);
    let draw: () => void = () => {};
    const frames: SpanTable[] = [];
    const drawn = (t: SpanTable) => {
      frames.push(t);
      return new Promise<void>((resolve) => (draw = resolve));
    };
    const source = tableHistogramSource(
      () => table,
      async () => histogram(-1),
      drawn,
    );
    let answer: unknown = null;
    const asking = source('shown', null).then((h) => (answer = h));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect([frames, answer]).toEqual([[table], null]);
    draw();
    await asking;
    expect(answer).toEqual(histogramOfSpans(table, null, -1));
  });
});
