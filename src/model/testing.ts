// Test builders for model code (Node only): SpanTables from the real captures (decoded with
// src/decode, begin/end paired per span_id) and synthetic tables from a seeded PRNG.
import { seededRandom } from '../base/testing';
import { BEGIN } from '../decode/event-columns';
import type { Capture } from '../decode/capture';
import { ticksToEpochNs } from '../decode/time-converter';
import { loadCapture } from '../decode/testing';
import { SPAN_COMPLETE, SPAN_OPEN, SPAN_ORPHAN_END, type SpanTable } from './span-table';

export { seededRandom };

/** One span of a synthetic table; times relative to the origin, in ns. */
export interface SpanSpec {
  spanId: number;
  parentSpanId: number;
  beginNs: number;
  endNs: number;
  state?: number;
  name?: string;
  beginThread?: number;
  endThread?: number;
  depth?: number;
}

interface Half {
  timeNs: number;
  thread: number;
  parent: bigint;
  depth: number;
  name: string;
  location: number;
}

interface PairedSpan {
  spanId: bigint;
  begin?: Half;
  end?: Half;
}

/** Builds a SpanTable from plain specs (sorted by begin then span id, as the real table is). */
export function makeSpanTable(specs: SpanSpec[], threadCount = 2): SpanTable {
  const sorted = [...specs].sort((a, b) => a.beginNs - b.beginNs || a.spanId - b.spanId);
  const n = sorted.length;
  const names: string[] = [];
  const nameIds = new Map<string, number>();
  const t = emptyTable(n);
  let lo = Infinity;
  let hi = -Infinity;
  sorted.forEach((s, i) => {
    const name = s.name ?? `span_${s.spanId % 7}`;
    if (!nameIds.has(name)) nameIds.set(name, names.push(name) - 1);
    t.spanId[i] = BigInt(s.spanId);
    t.parentSpanId[i] = BigInt(s.parentSpanId);
    t.beginNs[i] = s.beginNs;
    t.endNs[i] = s.endNs;
    t.state[i] = s.state ?? SPAN_COMPLETE;
    t.depth[i] = s.depth ?? 0;
    t.nameIndex[i] = nameIds.get(name)!;
    t.beginThread[i] = s.beginThread ?? 0;
    t.endThread[i] = s.endThread ?? s.beginThread ?? 0;
    lo = Math.min(lo, s.beginNs);
    hi = Math.max(hi, s.endNs);
  });
  const threads = Array.from({ length: threadCount }, (_, k) => ({
    streamId: `stream-${k}`,
    name: `worker-${k}`,
  }));
  return {
    ...t,
    length: n,
    originNs: 1_700_000_000_000_000_000n,
    captureBeginNs: n ? lo : 0,
    captureEndNs: n ? hi : 0,
    names,
    locations: [{ filename: 'src/main.rs', line: 42, target: 'app' }],
    threads,
  };
}

function emptyTable(n: number) {
  return {
    spanId: new BigInt64Array(n),
    parentSpanId: new BigInt64Array(n),
    beginNs: new Float64Array(n),
    endNs: new Float64Array(n),
    state: new Uint8Array(n),
    depth: new Uint32Array(n),
    nameIndex: new Uint32Array(n),
    locationIndex: new Uint32Array(n),
    beginThread: new Int32Array(n),
    endThread: new Int32Array(n),
  };
}

/**
 * A random forest of spans: roots at random times, children inside (or, with `wild`, anywhere:
 * before their parent, zero-length, equal timestamps, open, orphan ends, missing parents).
 */
export function randomSpanTable(seed: number, count: number, wild = false): SpanTable {
  const rand = seededRandom(seed);
  const specs: SpanSpec[] = [];
  const pick = (k: number) => Math.floor(rand() * k);
  const grid = (x: number) => (wild ? Math.round(x / 50) * 50 : x); // many equal timestamps
  for (let id = 1; id <= count; id++) {
    const parent = specs.length && rand() < 0.7 ? specs[pick(specs.length)] : undefined;
    let beginNs: number;
    let endNs: number;
    if (parent && !(wild && rand() < 0.1)) {
      beginNs = grid(parent.beginNs + rand() * (parent.endNs - parent.beginNs));
      endNs = grid(beginNs + rand() * (parent.endNs - beginNs));
    } else {
      beginNs = grid(rand() * 10_000);
      endNs = grid(beginNs + (rand() < 0.1 ? 0 : rand() * 2_000));
    }
    if (endNs < beginNs) endNs = beginNs;
    const state = wild && rand() < 0.05 ? 1 + pick(2) : SPAN_COMPLETE;
    const parentSpanId = parent ? parent.spanId : wild && rand() < 0.05 ? count + 1 + id : 0;
    const beginThread = pick(3);
    specs.push({
      spanId: id,
      parentSpanId,
      beginNs,
      endNs,
      state,
      beginThread,
      endThread: pick(3),
    });
  }
  return makeSpanTable(specs, 3);
}

/** The SpanTable of a real capture under fixtures/micromegas. */
export function loadSpanTable(name: string): SpanTable {
  return spanTableFromCapture(loadCapture(name));
}

/** Pairs begin/end events per span_id across the cpu streams of one process. */
export function spanTableFromCapture(capture: Capture, processId?: string): SpanTable {
  const pid = processId ?? [...capture.processes.keys()][0];
  const converter = capture.converter(pid)!;
  const originNs = capture.processes.get(pid)!.startTimeNs;
  const threadIds = new Map<string, number>();
  const spans = new Map<bigint, PairedSpan>();
  const locations: SpanTable['locations'] = [];
  const locationIds = new Map<string, number>();
  for (const block of capture.orderedBlocks()) {
    if (block.meta.processId !== pid) continue;
    if (!threadIds.has(block.meta.streamId)) threadIds.set(block.meta.streamId, threadIds.size);
    const thread = threadIds.get(block.meta.streamId)!;
    const epoch = ticksToEpochNs(converter, block.events.ticks);
    const ev = block.events;
    for (let i = 0; i < ev.length; i++) {
      const scope = block.scopes[ev.scope[i]];
      const key = `${scope.filename}:${scope.line}:${scope.target}`;
      if (!locationIds.has(key)) {
        locationIds.set(key, locations.length);
        locations.push({ filename: scope.filename, line: scope.line, target: scope.target });
      }
      const half: Half = {
        timeNs: Number(epoch[i] - originNs),
        thread,
        parent: ev.parentSpanId[i],
        depth: ev.depth[i],
        name: scope.name,
        location: locationIds.get(key)!,
      };
      const span = spans.get(ev.spanId[i]) ?? { spanId: ev.spanId[i] };
      if (ev.eventType[i] === BEGIN) span.begin ??= half;
      else span.end ??= half;
      spans.set(ev.spanId[i], span);
    }
  }
  const threads = [...threadIds.keys()].map((streamId) => ({
    streamId,
    name: capture.streams.get(streamId)?.properties['thread-name'] ?? streamId.slice(0, 8),
  }));
  return pairedToTable([...spans.values()], originNs, locations, threads);
}

function pairedToTable(
  paired: PairedSpan[],
  originNs: bigint,
  locations: SpanTable['locations'],
  threads: SpanTable['threads'],
): SpanTable {
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of paired) {
    for (const h of [p.begin, p.end]) {
      if (h) [lo, hi] = [Math.min(lo, h.timeNs), Math.max(hi, h.timeNs)];
    }
  }
  const key = (p: PairedSpan) => p.begin?.timeNs ?? lo;
  paired.sort((a, b) => key(a) - key(b) || (a.spanId < b.spanId ? -1 : 1));
  const t = emptyTable(paired.length);
  const names: string[] = [];
  const nameIds = new Map<string, number>();
  paired.forEach((p, i) => {
    const any = (p.begin ?? p.end)!;
    if (!nameIds.has(any.name)) nameIds.set(any.name, names.push(any.name) - 1);
    t.spanId[i] = p.spanId;
    t.parentSpanId[i] = any.parent;
    t.beginNs[i] = p.begin?.timeNs ?? lo;
    t.endNs[i] = p.end?.timeNs ?? hi;
    t.state[i] = !p.end ? SPAN_OPEN : !p.begin ? SPAN_ORPHAN_END : SPAN_COMPLETE;
    t.depth[i] = any.depth;
    t.nameIndex[i] = nameIds.get(any.name)!;
    t.locationIndex[i] = any.location;
    t.beginThread[i] = p.begin?.thread ?? -1;
    t.endThread[i] = p.end?.thread ?? -1;
  });
  const captureBeginNs = paired.length ? lo : 0;
  const captureEndNs = paired.length ? hi : 0;
  return {
    ...t,
    length: paired.length,
    originNs,
    captureBeginNs,
    captureEndNs,
    names,
    locations,
    threads,
  };
}
