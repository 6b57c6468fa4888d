// Test helper (Node only): the oracle's async events (expected_async_events.csv) parsed into rows
// and paired into spans, to check the queries against numbers computed independently of DuckDB.
import { expectedCsvLines } from '../decode/testing';

export interface OracleEvent {
  streamId: string;
  timeNs: bigint;
  type: 'begin' | 'end';
  spanId: bigint;
  parentSpanId: bigint;
  depth: number;
  name: string;
}

export interface OracleSpan {
  spanId: bigint;
  name: string;
  parentSpanId: bigint;
  depth: number;
  begin?: OracleEvent;
  end?: OracleEvent;
}

/** The fixtures' CSV fields hold no quoted commas in the columns read here. */
export function oracleEvents(capture: string): OracleEvent[] {
  const [header, ...lines] = expectedCsvLines(capture);
  const col = Object.fromEntries(header.split(',').map((name, i) => [name, i]));
  return lines.map((line) => {
    const f = line.split(',');
    return {
      streamId: f[col.stream_id],
      timeNs: BigInt(f[col.time_ns]),
      type: f[col.event_type] as 'begin' | 'end',
      spanId: BigInt(f[col.span_id]),
      parentSpanId: BigInt(f[col.parent_span_id]),
      depth: Number(f[col.depth]),
      name: f[col.name],
    };
  });
}

export function oracleSpans(capture: string): Map<bigint, OracleSpan> {
  const spans = new Map<bigint, OracleSpan>();
  for (const e of oracleEvents(capture)) {
    let span = spans.get(e.spanId);
    if (!span) {
      span = { spanId: e.spanId, name: e.name, parentSpanId: e.parentSpanId, depth: e.depth };
      spans.set(e.spanId, span);
    }
    if (e.type === 'begin') {
      Object.assign(span, { name: e.name, parentSpanId: e.parentSpanId, depth: e.depth });
      span.begin = e;
    } else {
      span.end = e;
    }
  }
  return spans;
}
