// The span accumulator on hand-made events: earliest begin and latest end whatever the order,
// attributes from that begin (else that end), open spans and orphan ends, 64-bit ids and ticks
// beyond 2^53 and below zero, growth past the initial capacity, and rows packed and taken back.
import { describe, expect, test } from 'vitest';
import { BEGIN, END, type AsyncEventColumns } from '../decode/event-columns';
import { packSpans } from './packed-spans';
import { unpackSpans } from './packed-spans-reader';
import { SpanAccumulator } from './span-accumulator';

interface Event {
  type: typeof BEGIN | typeof END;
  span: bigint;
  ticks: bigint;
  parent?: bigint;
  depth?: number;
  scope?: number;
}

function columns(events: Event[]): { events: AsyncEventColumns; scopeKeys: Int32Array } {
  return {
    events: {
      length: events.length,
      ticks: BigInt64Array.from(events, (e) => e.ticks),
      eventType: Uint8Array.from(events, (e) => e.type),
      spanId: BigInt64Array.from(events, (e) => e.span),
      parentSpanId: BigInt64Array.from(events, (e) => e.parent ?? 0n),
      depth: Uint32Array.from(events, (e) => e.depth ?? 0),
      scope: new Uint32Array(events.length),
    },
    scopeKeys: Int32Array.from(events, (e) => e.scope ?? 0),
  };
}

function accumulate(blocks: Event[][]): SpanAccumulator {
  const spans = new SpanAccumulator();
  blocks.forEach((block, blockKey) => {
    const { events, scopeKeys } = columns(block);
    spans.add(events, scopeKeys, blockKey);
  });
  return spans;
}

/** Rows as plain objects keyed by span id. */
function rows(spans: SpanAccumulator) {
  const c = spans.columns();
  const out = new Map<bigint, Record<string, unknown>>();
  for (let i = 0; i < c.length; i++) {
    out.set(c.spanId[i], {
      parent: c.parentSpanId[i],
      depth: c.depth[i],
      scope: c.scopeKey[i],
      begin: [c.beginTicks[i], c.beginBlock[i], c.begins[i]],
      end: [c.endTicks[i], c.endBlock[i], c.ends[i]],
    });
  }
  return out;
}

describe('SpanAccumulator', () => {
  test('pairs a begin and an end across blocks, in either order', () => {
    const begin: Event = { type: BEGIN, span: 5n, ticks: 10n, parent: 1n, depth: 2, scope: 3 };
    const end: Event = { type: END, span: 5n, ticks: 30n, parent: 9n, depth: 9, scope: 9 };
    const expected = { parent: 1n, depth: 2, scope: 3, begin: [10n, 0, 1], end: [30n, 1, 1] };
    expect(rows(accumulate([[begin], [end]])).get(5n)).toEqual(expected);
    const reversed = { ...expected, begin: [10n, 1, 1], end: [30n, 0, 1] };
    expect(rows(accumulate([[end], [begin]])).get(5n)).toEqual(reversed);
  });

  test('an open span and an orphan end', () => {
    const spans = rows(
      accumulate([
        [
          { type: BEGIN, span: 1n, ticks: 4n, scope: 1 },
          { type: END, span: 2n, ticks: 6n, parent: 7n, depth: 1, scope: 2 },
        ],
      ]),
    );
    expect(spans.get(1n)).toMatchObject({ begin: [4n, 0, 1], end: [0n, -1, 0], scope: 1 });
    expect(spans.get(2n)).toEqual({
      parent: 7n,
      depth: 1,
      scope: 2,
      begin: [0n, -1, 0],
      end: [6n, 0, 1],
    });
  });

  test('repeated ids: the earliest begin and latest end win, with their attributes', () => {
    const spans = rows(
      accumulate([
        [{ type: END, span: 8n, ticks: 50n, scope: 1 }],
        [{ type: BEGIN, span: 8n, ticks: 20n, scope: 2 }],
        [{ type: END, span: 8n, ticks: 70n, scope: 3 }],
        [{ type: BEGIN, span: 8n, ticks: 10n, scope: 4 }],
        [{ type: BEGIN, span: 8n, ticks: 10n, scope: 5 }],
      ]),
    );
    expect(spans.get(8n)).toMatchObject({ scope: 4, begin: [10n, 3, 3], end: [70n, 2, 2] });
  });

  test('ends only: the latest end gives the attributes', () => {
    const spans = rows(
      accumulate([
        [{ type: END, span: 3n, ticks: 9n, scope: 1 }],
        [{ type: END, span: 3n, ticks: 12n, scope: 2 }],
        [{ type: END, span: 3n, ticks: 11n, scope: 3 }],
      ]),
    );
    expect(spans.get(3n)).toMatchObject({ scope: 2, end: [12n, 1, 3] });
  });

  test('64-bit ids and ticks compare as signed 64-bit integers', () => {
    const big = (1n << 62n) + 12345n;
    const spans = rows(
      accumulate([
        [
          { type: BEGIN, span: big, ticks: (1n << 40n) + 1n },
          { type: BEGIN, span: big, ticks: -5n },
          { type: BEGIN, span: -big, ticks: 0x1_0000_0000n },
          { type: BEGIN, span: -big, ticks: 0xffff_ffffn },
          { type: END, span: -big, ticks: -1n },
          { type: END, span: -big, ticks: -0x1_0000_0000n },
        ],
      ]),
    );
    expect(spans.get(big)).toMatchObject({ begin: [-5n, 0, 2] });
    expect(spans.get(-big)).toMatchObject({ begin: [0xffff_ffffn, 0, 2], end: [-1n, 0, 2] });
  });

  test('grows past its initial capacity and finds every span again', () => {
    const n = 5000;
    const begins = Array.from({ length: n }, (_, i): Event => ({
      type: BEGIN,
      span: BigInt(i) * 0x1_0000_0001n,
      ticks: BigInt(i),
      scope: i,
    }));
    const ends = begins.map((b): Event => ({ ...b, type: END, ticks: b.ticks + 100n }));
    const spans = accumulate([begins, ends.reverse()]);
    expect(spans.length).toBe(n);
    const view = spans.view();
    for (const column of Object.values(view))
      if (typeof column !== 'number') expect(column).toHaveLength(n);
    const c = spans.columns();
    for (let i = 0; i < n; i++) {
      expect(c.endTicks[i] - c.beginTicks[i]).toBe(100n);
      expect([c.begins[i], c.ends[i], c.scopeKey[i]]).toEqual([1, 1, Number(c.beginTicks[i])]);
    }
  });

  test('grown in steps first: the same rows as grown by add', () => {
    const n = 5000;
    const block = Array.from({ length: n }, (_, i): Event => ({
      type: i % 3 === 0 ? END : BEGIN,
      span: BigInt(i % 4000) * 0x1_0000_0003n,
      ticks: BigInt((i * 7919) % 10007),
      scope: i % 17,
    }));
    const byAdd = accumulate([block.slice(0, 700), block.slice(700)]);
    const stepped = new SpanAccumulator();
    let pauses = 0;
    for (const [blockKey, part] of [block.slice(0, 700), block.slice(700)].entries()) {
      const { events, scopeKeys } = columns(part);
      if (stepped.needsRoom(events.length))
        for (const _ of stepped.growSteps(events.length)) pauses++;
      expect(stepped.needsRoom(events.length)).toBe(false);
      stepped.add(events, scopeKeys, blockKey);
    }
    expect(pauses).toBeGreaterThan(1); // 4300 rows do not fit the first 1024: it grew in steps
    expect(stepped.columns()).toEqual(byAdd.columns());
  });

  test('grown in slices of a column: pauses between them, the rows read the same throughout', () => {
    const n = 3000;
    const block = Array.from({ length: n }, (_, i): Event => ({
      type: i % 5 === 0 ? END : BEGIN,
      span: BigInt(i) * 0x1_0000_0005n - 77n,
      ticks: BigInt((i * 104729) % 65537) - 300n,
      scope: i % 11,
    }));
    const whole = accumulate([block]);
    const stepped = accumulate([block]);
    const before = stepped.columns();
    const { events } = columns(block);
    let pauses = 0;
    for (const _ of stepped.growSteps(events.length, 512)) {
      pauses++;
      if (pauses % 37 === 0) expect(stepped.columns()).toEqual(before);
    }
    // capacity 4096 → 8192: four columns of 2 × 4096 values and six of 4096, 512 values a step
    expect(pauses).toBe(4 * 16 + 6 * 8);
    expect(stepped.needsRoom(events.length)).toBe(false);
    expect(stepped.columns()).toEqual(before);
    const { events: more, scopeKeys } = columns(block.map((e) => ({ ...e, ticks: e.ticks + 9n })));
    stepped.add(more, scopeKeys, 1);
    whole.add(more, scopeKeys, 1);
    expect(stepped.columns()).toEqual(whole.columns());
  });

  test('a block added in slices: one pause per slice, the rows of the block added at once', () => {
    const n = 4100;
    const block = Array.from({ length: n }, (_, i): Event => ({
      type: i % 3 === 1 ? END : BEGIN,
      span: BigInt(i % 1500) * 0x1_0000_0007n,
      ticks: BigInt((i * 7919) % 4099) - 2000n,
      parent: BigInt(i % 13),
      depth: i % 9,
      scope: i % 23,
    }));
    const [first, second] = [block.slice(0, 1000), block.slice(1000)].map(columns);
    const atOnce = new SpanAccumulator();
    atOnce.add(first.events, first.scopeKeys, 0);
    atOnce.add(second.events, second.scopeKeys, 1);
    const sliced = new SpanAccumulator();
    let pauses = 0;
    for (const [blockKey, part] of [first, second].entries())
      for (const _ of sliced.addSteps(part.events, part.scopeKeys, blockKey, 256)) pauses++;
    expect(pauses).toBe(Math.ceil(1000 / 256) + Math.ceil(3100 / 256));
    expect(sliced.columns()).toEqual(atOnce.columns());
  });

  test('packed and taken back by `of`: the same rows, and later blocks merge as if never packed', async () => {
    const n = 3000;
    const begins = Array.from({ length: n }, (_, i): Event => ({
      type: BEGIN,
      span: BigInt(i + 1) << 40n,
      ticks: BigInt(n - i),
      scope: i % 7,
    }));
    // later: earlier begins of some spans (their attributes win), ends, and new spans
    const later = [
      ...begins.filter((_, i) => i % 3 === 0).map((b) => ({ ...b, ticks: b.ticks - 1n, scope: 9 })),
      ...begins.map((b): Event => ({ ...b, type: END, ticks: b.ticks + 50n })),
      { type: END, span: -7n, ticks: 5n, scope: 4 } as Event,
    ];
    const first = accumulate([begins]);
    const taken = SpanAccumulator.of(unpackSpans(packSpans(first.view())));
    expect(taken.columns()).toEqual(first.columns());
    const { events, scopeKeys } = columns(later);
    taken.add(events, scopeKeys, 1);
    expect(taken.columns()).toEqual(accumulate([begins, later]).columns());
  });

  test('of takes rows of any length, below and above the initial capacity', () => {
    for (const n of [0, 1, 1024, 1500]) {
      const blocks = [
        Array.from({ length: n }, (_, i): Event => ({ type: END, span: BigInt(i * 5), ticks: 1n })),
      ];
      const rows = accumulate(blocks).columns();
      const taken = SpanAccumulator.of(rows);
      const more = columns([{ type: BEGIN, span: 3n, ticks: 0n }]);
      taken.add(more.events, more.scopeKeys, 1);
      expect(taken.columns()).toEqual(
        accumulate([...blocks, [{ type: BEGIN, span: 3n, ticks: 0n }]]).columns(),
      );
    }
  });
});
