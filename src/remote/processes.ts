// What the process browser shows: a deployment's processes newest first, and a process's block
// overview (events and blocks per time bucket and per thread, from `blocks` metadata alone) for
// choosing a time range when a process is too big to load whole. No DOM.
import { formatEpochNs } from '../base/time';
import { queryStream, type RemoteConnection } from './client';
import { blockSpansSql, processListSql } from './sql';
import { bigints, parseProperties, textLists, texts, timestampsNs } from './values';

export interface RemoteProcess {
  processId: string;
  exe: string;
  computer: string;
  username: string;
  /** RFC 3339 (UTC, 9 fraction digits). */
  startTime: string;
  lastBlockTime: string | null;
  cpuBlocks: number;
  totalBlocks: number;
}

export interface ProcessFilter {
  beginIso?: string;
  endIso?: string;
  /** Case-insensitive text found in exe, computer, user or process id. */
  text?: string;
  /** At most this many processes (default 1000). */
  limit?: number;
}

export async function listRemoteProcesses(
  conn: RemoteConnection,
  filter: ProcessFilter = {},
  signal?: AbortSignal,
): Promise<RemoteProcess[]> {
  const { sql, params } = processListSql(filter.text?.trim() ?? '', filter.limit ?? 1000);
  const request = { sql, params, beginIso: filter.beginIso, endIso: filter.endIso };
  const table = await queryStream(conn, request, signal);
  const ids = texts(table, 'process_id');
  const [exe, computer, username] = ['exe', 'computer', 'username'].map((c) => texts(table, c));
  const start = timestampsNs(table, 'start_time');
  const last = timestampsNs(table, 'last_block_time');
  const [cpu, total] = ['cpu_blocks', 'total_blocks'].map((c) => bigints(table, c));
  const out: RemoteProcess[] = [];
  for (let i = 0; i < ids.length; i++) {
    out.push({
      processId: ids[i] ?? '',
      exe: exe[i] ?? '',
      computer: computer[i] ?? '',
      username: username[i] ?? '',
      startTime: start[i] === null ? '' : formatEpochNs(start[i]!),
      lastBlockTime: last[i] === null ? null : formatEpochNs(last[i]!),
      cpuBlocks: Number(cpu[i] ?? 0n),
      totalBlocks: Number(total[i] ?? 0n),
    });
  }
  return out.sort((a, b) => (a.startTime < b.startTime ? 1 : a.startTime > b.startTime ? -1 : 0));
}

export interface BlockSpan {
  streamId: string;
  beginNs: bigint;
  endNs: bigint;
  nbObjects: number;
  cpu: boolean;
}

export interface OverviewThread {
  streamId: string;
  /** The stream's `thread-name` property, else its id. */
  name: string;
  cpu: boolean;
  /** Per bucket: objects (events) of the blocks, spread over each block's time span. */
  events: number[];
  /** Per bucket: blocks whose span overlaps the bucket. */
  blocks: number[];
}

export interface BlockOverview {
  processId: string;
  beginNs: bigint;
  endNs: bigint;
  bucketCount: number;
  bucketNs: number;
  /** Sum of `nb_objects` over every block of the process. */
  totalObjects: number;
  /** Sum of `nb_objects` over the blocks of `cpu` streams (what raw mode decodes). */
  cpuObjects: number;
  totalBlocks: number;
  threads: OverviewThread[];
  /** Every block, for exact counts of a chosen range (`objectsInRange`). */
  spans: BlockSpan[];
}

export async function blockOverview(
  conn: RemoteConnection,
  processId: string,
  options: { bucketCount: number; beginIso?: string; endIso?: string },
  signal?: AbortSignal,
): Promise<BlockOverview> {
  const { sql, params } = blockSpansSql(processId);
  const request = { sql, params, beginIso: options.beginIso, endIso: options.endIso };
  const table = await queryStream(conn, request, signal);
  const streams = texts(table, 'stream_id');
  const [begins, ends] = [timestampsNs(table, 'begin_time'), timestampsNs(table, 'end_time')];
  const objects = bigints(table, 'nb_objects');
  const tags = textLists(table, 'tags');
  const props = texts(table, 'stream_properties');
  const names = new Map<string, string>();
  const spans: BlockSpan[] = [];
  for (let i = 0; i < streams.length; i++) {
    const streamId = streams[i] ?? '';
    names.set(streamId, parseProperties(props[i])['thread-name'] ?? streamId);
    const [beginNs, endNs] = [begins[i] ?? 0n, ends[i] ?? 0n];
    const cpu = tags[i].includes('cpu');
    spans.push({ streamId, beginNs, endNs, nbObjects: Number(objects[i] ?? 0n), cpu });
  }
  return bucketize(processId, spans, names, Math.max(1, Math.floor(options.bucketCount)));
}

/** Exact: the objects raw mode would load for [beginNs, endNs] (blocks overlapping it, whole). */
export function objectsInRange(overview: BlockOverview, beginNs: bigint, endNs: bigint): number {
  let sum = 0;
  for (const s of overview.spans)
    if (s.cpu && s.beginNs <= endNs && s.endNs >= beginNs) sum += s.nbObjects;
  return sum;
}

function bucketize(
  processId: string,
  spans: BlockSpan[],
  names: Map<string, string>,
  bucketCount: number,
): BlockOverview {
  const beginNs = spans.reduce((m, s) => (s.beginNs < m ? s.beginNs : m), spans[0]?.beginNs ?? 0n);
  const endNs = spans.reduce((m, s) => (s.endNs > m ? s.endNs : m), spans[0]?.endNs ?? 0n);
  const bucketNs = Math.max(1, Number(endNs - beginNs) / bucketCount);
  const threads = new Map<string, OverviewThread>();
  let [totalObjects, cpuObjects] = [0, 0];
  for (const span of spans) {
    let thread = threads.get(span.streamId);
    if (!thread) {
      const name = names.get(span.streamId) ?? span.streamId;
      const zeros = () => new Array<number>(bucketCount).fill(0);
      thread = { streamId: span.streamId, name, cpu: span.cpu, events: zeros(), blocks: zeros() };
      threads.set(span.streamId, thread);
    }
    spread(thread, span, Number(span.beginNs - beginNs), Number(span.endNs - beginNs), bucketNs);
    totalObjects += span.nbObjects;
    if (span.cpu) cpuObjects += span.nbObjects;
  }
  const list = [...threads.values()].sort((a, b) => a.name.localeCompare(b.name));
  const totalBlocks = spans.length;
  return {
    processId,
    beginNs,
    endNs,
    bucketCount,
    bucketNs,
    totalObjects,
    cpuObjects,
    totalBlocks,
    threads: list,
    spans,
  };
}

/** Adds a block to the buckets its span overlaps, its objects in proportion to the overlap. */
function spread(
  thread: OverviewThread,
  span: BlockSpan,
  fromNs: number,
  toNs: number,
  bucketNs: number,
) {
  const last = thread.events.length - 1;
  const first = Math.min(last, Math.max(0, Math.floor(fromNs / bucketNs)));
  const end = Math.min(last, Math.max(first, Math.floor(toNs / bucketNs)));
  const length = Math.max(1, toNs - fromNs);
  for (let b = first; b <= end; b++) {
    const overlap = Math.min(toNs, (b + 1) * bucketNs) - Math.max(fromNs, b * bucketNs);
    thread.events[b] +=
      first === end ? span.nbObjects : (span.nbObjects * Math.max(0, overlap)) / length;
    thread.blocks[b] += 1;
  }
}
