// The Chrome JSON export of every fixture, read back as Perfetto's importer reads it (ts as a
// double, × 1000, rounded to ns), checked against the oracle CSV: each complete span exactly once
// with its exact duration, name and threads; ids unique; every thread named; open spans ending at
// the capture's end and orphan ends beginning at its start.
import { describe, expect, it } from 'vitest';
import { CAPTURES } from '../../decode/testing';
import { chromeTraceChunks } from './chrome-json';
import { microsecondsText } from './scope';
import { completeOracleSpans, processCases, type ProcessCase } from './testing';

interface TraceEvent {
  ph: string;
  ts: number;
  name: string;
  pid: number;
  tid: number;
  id2?: { local: string };
  args: Record<string, unknown>;
}

interface ReadSpan {
  name: string;
  beginNs: bigint;
  endNs: bigint;
  beginTid: number;
  endTid: number;
  args: Record<string, unknown>;
  endArgs: Record<string, unknown>;
}

/** As Perfetto's CoerceToTs: llround(ts × 1000). */
const tsNs = (ts: number) => BigInt(Math.round(ts * 1000));

/** The export read back; `problems` lists what breaks the format (a second begin or end of an id). */
function readBack(text: string) {
  const trace = JSON.parse(text) as {
    traceEvents: TraceEvent[];
    otherData: Record<string, string>;
  };
  const origin = BigInt(trace.otherData.weft_ts_origin_epoch_ns);
  const spans = new Map<string, Partial<ReadSpan>>();
  const threadStream = new Map<number, string>();
  const threadName = new Map<number, string>();
  const problems: string[] = [];
  let processNames = 0;
  for (const e of trace.traceEvents) {
    if (e.ph === 'M' && e.name === 'thread_name') {
      threadStream.set(e.tid, e.args.stream_id as string);
      threadName.set(e.tid, e.args.name as string);
    }
    if (e.ph === 'M' && e.name === 'process_name') processNames++;
    if (e.ph !== 'b' && e.ph !== 'e') continue;
    const id = e.id2!.local;
    const span = spans.get(id) ?? {};
    const at = { ns: origin + tsNs(e.ts), tid: e.tid, args: e.args };
    if (e.ph === 'b') {
      if (span.beginNs !== undefined) problems.push(`second begin of id ${id}`);
      Object.assign(span, { name: e.name, beginNs: at.ns, beginTid: at.tid, args: at.args });
    } else {
      if (span.endNs !== undefined) problems.push(`second end of id ${id}`);
      Object.assign(span, { endNs: at.ns, endTid: at.tid, endArgs: at.args });
    }
    spans.set(id, span);
  }
  return {
    spans: spans as Map<string, ReadSpan>,
    threadStream,
    threadName,
    processNames,
    problems,
  };
}

type Read = ReturnType<typeof readBack>;

/** Differences between a complete oracle span and its exported pair, as text. */
function completeProblems(c: ProcessCase, read: Read): string[] {
  const out: string[] = [];
  for (const [spanId, o] of completeOracleSpans(c)) {
    const s = read.spans.get(spanId.toString());
    if (!s) {
      out.push(`span ${spanId} missing`);
      continue;
    }
    const got: unknown[] = [
      s.name,
      s.beginNs,
      s.endNs - s.beginNs,
      read.threadStream.get(s.beginTid),
    ];
    const want: unknown[] = [
      o.name,
      o.begin!.timeNs,
      o.end!.timeNs - o.begin!.timeNs,
      o.begin!.streamId,
    ];
    got.push(read.threadStream.get(s.endTid), s.args.begin_thread, s.args.end_thread);
    want.push(
      o.end!.streamId,
      c.threadNames.get(o.begin!.streamId),
      c.threadNames.get(o.end!.streamId),
    );
    got.push(s.args.span_id, s.args.parent_span_id, s.args.open, s.args.orphan_end);
    want.push(spanId.toString(), o.begin!.parentSpanId.toString(), undefined, undefined);
    if (got.some((g, k) => g !== want[k])) out.push(`span ${spanId}: ${got} != ${want}`);
  }
  return out;
}

/** Open spans end at the capture's last event, orphan ends begin at its first. */
function edgeProblems(c: ProcessCase, read: Read): string[] {
  const out: string[] = [];
  for (const [spanId, o] of c.oracle) {
    const s = read.spans.get(spanId.toString());
    if (!s) out.push(`span ${spanId} missing`);
    else if (!o.end && (s.args.open !== true || s.endArgs.open !== true || s.endNs !== c.lastNs))
      out.push(`open span ${spanId}`);
    else if (!o.begin && (s.args.orphan_end !== true || s.beginNs !== c.firstNs))
      out.push(`orphan end ${spanId}`);
  }
  return out;
}

function checkCase(c: ProcessCase): number {
  const text = chromeTraceChunks(c.table, c.process).join('');
  const read = readBack(text);
  expect(read.problems).toEqual([]);
  expect(read.processNames).toBe(1);
  const badTs = [...text.matchAll(/"ts":(-?[0-9.]+)/g)].filter((m) => !/^-?\d+\.\d{3}$/.test(m[1]));
  expect(badTs.length).toBe(0);
  expect(read.spans.size).toBe(c.oracle.size);
  const exportedComplete = [...read.spans.values()].filter(
    (s) => !s.args.open && !s.args.orphan_end,
  );
  expect(exportedComplete.length).toBe(completeOracleSpans(c).length);
  expect(completeProblems(c, read)).toEqual([]);
  expect(edgeProblems(c, read)).toEqual([]);
  for (const [tid, stream] of read.threadStream) {
    expect(read.threadName.get(tid)).toBe(c.threadNames.get(stream) || stream.slice(0, 8));
  }
  return read.spans.size;
}

/** medium (99k spans) takes long on a shared machine: it gets more time. */
const TIMEOUT_MS = (capture: string) => (capture === 'medium' ? 300_000 : 60_000);

describe('Chrome trace-event JSON export', () => {
  for (const capture of CAPTURES) {
    it(
      `${capture}: every span once, exact, named, on named threads`,
      () => {
        let total = 0;
        for (const c of processCases(capture)) total += checkCase(c);
        expect(total).toBeGreaterThan(0);
      },
      TIMEOUT_MS(capture),
    );
  }

  it('formats ns as µs with 3 decimals from integers', () => {
    const cases: [number, string][] = [
      [0, '0.000'],
      [999, '0.999'],
      [1000, '1.000'],
      [-1005, '-1.005'],
      [
        2 ** 52 + 7,
        `${Math.floor((2 ** 52 + 7) / 1000)}.${String((2 ** 52 + 7) % 1000).padStart(3, '0')}`,
      ],
    ];
    for (const [ns, text] of cases) expect(microsecondsText(ns)).toBe(text);
  });
});
