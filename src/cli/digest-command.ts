// `weft digest <path> [--expect expected_digest.json]`: order-independent sums and counts over the
// decoded async events (the fixtures' expected_digest.json format), for captures too large for a
// CSV oracle. With --expect, exits 1 unless every figure is equal.
import { readFileSync } from 'node:fs';
import type { Capture } from '../decode/capture';
import { BEGIN } from '../decode/event-columns';
import { ticksToEpochNs } from '../decode/time-converter';
import { loadPaths, type Output } from './decode-command';

type Digest = Record<string, unknown>;

function bump(map: Record<string, number>, key: string, n: number): void {
  map[key] = (map[key] ?? 0) + n;
}

function sumBig(values: BigInt64Array): bigint {
  let sum = 0n;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum;
}

function digestOf(capture: Capture): Digest {
  const byType: Record<string, number> = { begin: 0, end: 0 };
  const byName: Record<string, number> = {};
  const byStream: Record<string, number> = {};
  const sums = { time: 0n, span: 0n, parent: 0n, depth: 0, hash: 0, line: 0 };
  let min: bigint | undefined;
  let max: bigint | undefined;
  for (const block of capture.decoded.values()) {
    const { events, scopes } = block;
    const times = ticksToEpochNs(capture.converter(block.meta.processId)!, events.ticks);
    for (let i = 0; i < events.length; i++) {
      const scope = scopes[events.scope[i]];
      bump(byType, events.eventType[i] === BEGIN ? 'begin' : 'end', 1);
      bump(byName, scope.name, 1);
      sums.depth += events.depth[i];
      sums.hash += scope.hash;
      sums.line += scope.line;
      if (min === undefined || times[i] < min) min = times[i];
      if (max === undefined || times[i] > max) max = times[i];
    }
    bump(byStream, block.meta.streamId, events.length);
    sums.time += sumBig(times);
    sums.span += sumBig(events.spanId);
    sums.parent += sumBig(events.parentSpanId);
  }
  return {
    rows: byType.begin + byType.end,
    by_event_type: byType,
    rows_by_name: byName,
    rows_by_stream: byStream,
    sum_time_ns: String(sums.time),
    sum_span_id: String(sums.span),
    sum_parent_span_id: String(sums.parent),
    sum_depth: sums.depth,
    sum_hash: String(sums.hash),
    sum_line: sums.line,
    min_time_ns: String(min ?? ''),
    max_time_ns: String(max ?? ''),
  };
}

/** Field-by-field differences, sorting map keys so order never matters. */
function differences(actual: Digest, expected: Digest): string[] {
  const canon = (v: unknown) =>
    JSON.stringify(v, (_k, x) =>
      x && typeof x === 'object' && !Array.isArray(x)
        ? Object.fromEntries(Object.entries(x).sort())
        : x,
    );
  return Object.keys(expected)
    .filter((key) => canon(actual[key]) !== canon(expected[key]))
    .map((key) => `${key}: expected ${canon(expected[key])}, got ${canon(actual[key])}`);
}

export async function digestCommand(args: string[], out: Output): Promise<number> {
  const expectAt = args.indexOf('--expect');
  const expectPath = expectAt >= 0 ? args[expectAt + 1] : undefined;
  const paths = args.filter((_, i) => i !== expectAt && i !== expectAt + 1);
  if (paths.length === 0) {
    out.error('usage: weft digest <path>... [--expect expected_digest.json]');
    return 2;
  }
  const capture = loadPaths(paths);
  for (const r of capture.rejected) out.error(`rejected: ${r.message}`);
  const digest = digestOf(capture);
  await out.write(`${JSON.stringify(digest, null, 1)}\n`);
  if (!expectPath) return capture.rejected.length > 0 ? 1 : 0;
  const diffs = differences(digest, JSON.parse(readFileSync(expectPath, 'utf8')));
  diffs.forEach((d) => out.error(`digest mismatch: ${d}`));
  if (diffs.length === 0) out.error(`digest equals ${expectPath}`);
  return diffs.length > 0 || capture.rejected.length > 0 ? 1 : 0;
}
