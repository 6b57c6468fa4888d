// Raw mode, step 1: a process's `blocks` rows read into its process, its streams and its blocks
// (the columns of rust/analytics/src/lakehouse/blocks_view.rs, selected by sql.ts
// `rawBlocksSql`). With a range, only blocks overlapping it are kept, whole; the rows of every
// block are fetched (metadata only, small) so the filter is exact whatever the server prunes.
// No DOM.
import { compare } from '../base/compare';
import { parseRfc3339Ns } from '../base/time';
import { queryStream, type RemoteConnection } from './client';
import { RemoteError } from './errors';
import type { RawBlock, RawProcess, RawStream } from './envelopes';
import type { RemoteRange } from './raw-mode';
import { rawBlocksSql } from './sql';
import { bigints, binaries, parseProperties, textLists, texts, timestampsNs } from './values';

export interface RawRows {
  process: RawProcess;
  streams: RawStream[];
  blocks: RawBlock[];
}

type Table = Awaited<ReturnType<typeof queryStream>>;

export async function readRawRows(
  conn: RemoteConnection,
  processId: string,
  range: RemoteRange,
  signal?: AbortSignal,
): Promise<RawRows> {
  const { sql, params } = rawBlocksSql(processId);
  const request = { sql, params, beginIso: range.beginIso, endIso: range.endIso };
  const table = await queryStream(conn, request, signal);
  if (table.numRows === 0)
    throw new RemoteError(
      'query',
      `${conn.baseUrl} (data source ${conn.dataSource}) has no blocks of process ${processId}` +
        (range.beginIso || range.endIso ? ' in that time range' : ''),
    );
  const blocks = inRange(readBlocks(table), range);
  return { process: readProcess(table), streams: readStreams(table, blocks), blocks };
}

function readProcess(table: Table): RawProcess {
  const one = <T>(values: (T | null)[]) => values[0] ?? null;
  const parent = one(texts(table, 'process_parent_process_id'));
  return {
    processId: one(texts(table, 'process_id')) ?? '',
    exe: one(texts(table, 'process_exe')) ?? '',
    username: one(texts(table, 'process_username')) ?? '',
    computer: one(texts(table, 'process_computer')) ?? '',
    startNs: one(timestampsNs(table, 'process_start_time')) ?? 0n,
    startTicks: one(bigints(table, 'process_start_ticks')) ?? 0n,
    tscFrequency: one(bigints(table, 'process_tsc_frequency')) ?? 0n,
    parentProcessId: parent === '' ? null : parent,
    properties: parseProperties(one(texts(table, 'process_properties'))),
  };
}

/** One StreamInfo per stream that has a kept block (as a capture holds one per stream sent). */
function readStreams(table: Table, blocks: RawBlock[]): RawStream[] {
  const wanted = new Set(blocks.map((b) => b.streamId));
  const ids = texts(table, 'stream_id');
  const deps = binaries(table, 'dependencies_metadata');
  const objs = binaries(table, 'objects_metadata');
  const tags = textLists(table, 'tags');
  const props = texts(table, 'stream_properties');
  const processIds = texts(table, 'process_id');
  const streams = new Map<string, RawStream>();
  for (let i = 0; i < ids.length; i++) {
    const streamId = ids[i] ?? '';
    if (streams.has(streamId) || !wanted.has(streamId)) continue;
    streams.set(streamId, {
      streamId,
      processId: processIds[i] ?? '',
      dependenciesMetadata: deps[i] ?? new Uint8Array(),
      objectsMetadata: objs[i] ?? new Uint8Array(),
      tags: tags[i],
      properties: parseProperties(props[i]),
    });
  }
  return [...streams.values()];
}

function readBlocks(table: Table): RawBlock[] {
  const [blockIds, streamIds, processIds] = ['block_id', 'stream_id', 'process_id'].map((c) =>
    texts(table, c),
  );
  const [beginNs, endNs] = [timestampsNs(table, 'begin_time'), timestampsNs(table, 'end_time')];
  const [beginTicks, endTicks] = [bigints(table, 'begin_ticks'), bigints(table, 'end_ticks')];
  const [nbObjects, offsets] = [bigints(table, 'nb_objects'), bigints(table, 'object_offset')];
  const blocks: RawBlock[] = [];
  for (let i = 0; i < blockIds.length; i++)
    blocks.push({
      blockId: blockIds[i] ?? '',
      streamId: streamIds[i] ?? '',
      processId: processIds[i] ?? '',
      beginNs: beginNs[i] ?? 0n,
      beginTicks: beginTicks[i] ?? 0n,
      endNs: endNs[i] ?? 0n,
      endTicks: endTicks[i] ?? 0n,
      nbObjects: Number(nbObjects[i] ?? 0n),
      objectOffset: Number(offsets[i] ?? 0n),
    });
  return blocks.sort(byBeginTime);
}

/**
 * Blocks by begin time across streams (then stream and offset, for a total order): whatever part
 * has merged at any moment is the process's beginning on every thread, which is what a preview
 * of a long load shows (store/preview.ts), as dropped files are ordered (store/load-budget.ts).
 */
function byBeginTime(a: RawBlock, b: RawBlock): number {
  return (
    compare(a.beginNs, b.beginNs) ||
    compare(a.streamId, b.streamId) ||
    a.objectOffset - b.objectOffset
  );
}

function inRange(blocks: RawBlock[], range: RemoteRange): RawBlock[] {
  const begin = range.beginIso ? parseRfc3339Ns(range.beginIso) : undefined;
  const end = range.endIso ? parseRfc3339Ns(range.endIso) : undefined;
  if ((range.beginIso && begin === undefined) || (range.endIso && end === undefined))
    throw new RemoteError(
      'protocol',
      `not an RFC 3339 time range: ${range.beginIso}…${range.endIso}`,
    );
  return blocks.filter(
    (b) => (begin === undefined || b.endNs >= begin) && (end === undefined || b.beginNs <= end),
  );
}
