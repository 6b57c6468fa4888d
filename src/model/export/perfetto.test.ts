// The Perfetto protobuf export of every fixture, decoded with the same library (protobufjs) and
// read as Perfetto reads TrackEvent: names through the sequence's interned data, a SLICE_END
// closing the most recently begun slice of its track. The slices rebuilt that way must be the
// oracle's spans (each complete one once, exact duration, name, begin/end threads), and each lane
// track's slices must strictly nest.
import { describe, expect, it } from 'vitest';
import { CAPTURES } from '../../decode/testing';
import { perfettoTypes, TYPE_INSTANT, TYPE_SLICE_BEGIN, TYPE_SLICE_END } from './perfetto-schema';
import { perfettoTraceChunks } from './perfetto';
import { completeOracleSpans, processCases, type ProcessCase } from './testing';

interface Slice {
  track: string;
  name: string;
  beginNs: bigint;
  endNs?: bigint;
  args: Map<string, string>;
}

interface Decoded {
  slices: Slice[];
  tracks: Map<string, { name?: string; thread?: { tid: string; thread_name: string } }>;
  instants: { track: string; args: Map<string, string> }[];
  flows: Map<string, number>;
  problems: string[];
}

type Obj = Record<string, any>;

/** A decoded 64-bit field (protobufjs gives a Long, or a number) as text; signed or not. */
function text64(v: Obj | number, signed = false): string {
  if (typeof v === 'number') return String(v);
  const u = (BigInt(v.high >>> 0) << 32n) | BigInt(v.low >>> 0);
  return String(signed ? BigInt.asIntN(64, u) : u);
}

/** Decoded messages hold only the fields present as own properties (defaults are inherited). */
const has = (o: Obj | null | undefined, field: string) => !!o && Object.hasOwn(o, field);

function annotations(event: Obj, names: Map<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const a of event.debug_annotations) {
    let value = '';
    if (has(a, 'string_value')) value = a.string_value;
    else if (has(a, 'int_value')) value = text64(a.int_value, true);
    else if (has(a, 'bool_value')) value = String(a.bool_value);
    out.set(names.get(text64(a.name_iid))!, value);
  }
  return out;
}

function decode(bytes: Uint8Array): Decoded {
  const { Trace } = perfettoTypes();
  const trace = Trace.decode(bytes) as Obj;
  const eventNames = new Map<string, string>();
  const argNames = new Map<string, string>();
  const d: Decoded = {
    slices: [],
    tracks: new Map(),
    instants: [],
    flows: new Map(),
    problems: [],
  };
  const open = new Map<string, Slice[]>();
  for (const p of trace.packet as Obj[]) {
    for (const n of p.interned_data?.event_names ?? []) eventNames.set(text64(n.iid), n.name);
    for (const n of p.interned_data?.debug_annotation_names ?? [])
      argNames.set(text64(n.iid), n.name);
    if (has(p, 'track_descriptor'))
      d.tracks.set(text64(p.track_descriptor.uuid), p.track_descriptor);
    if (!has(p, 'track_event')) continue;
    const e = p.track_event;
    const track = text64(e.track_uuid);
    for (const f of [...e.flow_ids, ...e.terminating_flow_ids])
      d.flows.set(text64(f), (d.flows.get(text64(f)) ?? 0) + 1);
    const stack = open.get(track) ?? [];
    open.set(track, stack);
    const args = annotations(e, argNames);
    if (e.type === TYPE_SLICE_BEGIN) {
      const name = eventNames.get(text64(e.name_iid))!;
      const slice: Slice = { track, name, beginNs: BigInt(text64(p.timestamp)), args };
      stack.push(slice);
      d.slices.push(slice);
    } else if (e.type === TYPE_SLICE_END) {
      const slice = stack.pop();
      if (slice) slice.endNs = BigInt(text64(p.timestamp));
      else d.problems.push(`end without begin on track ${track}`);
    } else if (e.type === TYPE_INSTANT) d.instants.push({ track, args });
  }
  for (const [track, stack] of open) if (stack.length) d.problems.push(`unclosed on ${track}`);
  return d;
}

/** Slices of one track that overlap without one containing the other. */
function nestingProblems(slices: Slice[]): string[] {
  const sorted = [...slices].sort((a, b) =>
    a.beginNs < b.beginNs ? -1 : a.beginNs > b.beginNs ? 1 : 0,
  );
  const ends: bigint[] = [];
  const out: string[] = [];
  for (const s of sorted) {
    while (ends.length && ends[ends.length - 1] < s.beginNs) ends.pop();
    if (ends.length && s.endNs! > ends[ends.length - 1])
      out.push(`${s.args.get('span_id')} crosses`);
    ends.push(s.endNs!);
  }
  return out;
}

function threadOf(d: Decoded, track: string): string | undefined {
  return d.tracks.get(track)?.thread?.thread_name;
}

function spanProblems(c: ProcessCase, d: Decoded): string[] {
  const bySpan = new Map(d.slices.map((s) => [s.args.get('span_id')!, s]));
  const out: string[] = [];
  if (bySpan.size !== d.slices.length) out.push('a span id is on two slices');
  if (d.slices.length !== c.oracle.size)
    out.push(`${d.slices.length} slices, ${c.oracle.size} spans`);
  for (const [spanId, o] of completeOracleSpans(c)) {
    const s = bySpan.get(spanId.toString());
    const got = s && [
      s.name,
      s.beginNs,
      s.endNs! - s.beginNs,
      s.args.get('begin_thread'),
      s.args.get('end_thread'),
    ];
    const want: unknown[] = [o.name, o.begin!.timeNs, o.end!.timeNs - o.begin!.timeNs];
    want.push(c.threadNames.get(o.begin!.streamId), c.threadNames.get(o.end!.streamId));
    if (!got || got.some((g, k) => g !== want[k])) out.push(`span ${spanId}: ${got} != ${want}`);
  }
  for (const [spanId, o] of c.oracle) {
    const s = bySpan.get(spanId.toString());
    if (!o.end && (s?.args.get('open') !== 'true' || s.endNs !== c.lastNs))
      out.push(`open ${spanId}`);
    if (!o.begin && (s?.args.get('orphan_end') !== 'true' || s.beginNs !== c.firstNs))
      out.push(`orphan ${spanId}`);
  }
  return out;
}

function checkCase(c: ProcessCase): number {
  const chunks = perfettoTraceChunks(c.table, c.process);
  const bytes = new Uint8Array(chunks.reduce((n, b) => n + b.length, 0));
  chunks.reduce((at, b) => (bytes.set(b, at), at + b.length), 0);
  const d = decode(bytes);
  expect(d.problems).toEqual([]);
  expect(spanProblems(c, d)).toEqual([]);
  const byTrack = new Map<string, Slice[]>();
  for (const s of d.slices) {
    if (!byTrack.has(s.track)) byTrack.set(s.track, []);
    byTrack.get(s.track)!.push(s);
  }
  for (const [track, slices] of byTrack) {
    expect(d.tracks.get(track)?.name).toMatch(/^async lane \d+$/);
    expect(nestingProblems(slices)).toEqual([]);
  }
  const threadNames = [...d.tracks.values()]
    .filter((t) => t.thread)
    .map((t) => t.thread!.thread_name);
  expect(threadNames.length).toBe(c.table.threads.length);
  for (const i of d.instants) expect(threadOf(d, i.track)).toBeDefined();
  expect([...d.flows.values()].every((n) => n === 2)).toBe(true);
  return d.slices.length;
}

/** medium (99k spans) takes long on a shared machine: it gets more time. */
const TIMEOUT_MS = (capture: string) => (capture === 'medium' ? 300_000 : 60_000);

describe('Perfetto protobuf (TrackEvent) export', () => {
  for (const capture of CAPTURES) {
    it(
      `${capture}: decodes back to the oracle's spans, lanes strictly nest`,
      () => {
        let total = 0;
        for (const c of processCases(capture)) total += checkCase(c);
        expect(total).toBeGreaterThan(0);
      },
      TIMEOUT_MS(capture),
    );
  }
});
