// Every SQL statement weft sends to a micromegas analytics engine (DataFusion upstream, DuckDB in
// `weft serve`), as named functions. Values never go into the text: they travel as `params` and
// the server substitutes `$name` with the value, single quotes doubled
// (rust/analytics-web-srv/src/stream_query.rs `substitute_macros`), so each use sits inside a
// quoted literal here. Its replacement is a plain text replace in any order, so no param name is
// a prefix of another and values are checked ids (see `checkedId`) or user text. Column names are
// those of rust/analytics/src/lakehouse/blocks_view.rs and processes_view.rs. No DOM.
import { RemoteError } from './errors';

/** Upstream ids are UUIDs; anything else is refused before it reaches a query. */
const ID = /^[0-9A-Za-z-]{1,64}$/;

export function checkedId(id: string, what: string): string {
  if (!ID.test(id)) throw new RemoteError('protocol', `not a ${what} id: ${JSON.stringify(id)}`);
  return id;
}

export interface SqlWithParams {
  sql: string;
  params: Record<string, string>;
}

const TEXT_COLUMNS = ['p.exe', 'p.computer', 'p.username', 'p.process_id'];

/**
 * Processes newest first, with their block counts (all, and of streams tagged `cpu`) and their
 * last block's end; `search` (case-insensitive, any of exe, computer, user, id) when non-empty.
 */
export function processListSql(search: string, limit: number): SqlWithParams {
  const where = search
    ? `WHERE ${TEXT_COLUMNS.map((c) => `strpos(lower(${c}), lower('$search')) > 0`).join(' OR ')}`
    : '';
  const sql = `SELECT p.process_id, p.exe, p.computer, p.username, p.start_time,
  b.last_block_time, b.cpu_blocks, b.total_blocks
FROM processes p
LEFT JOIN (
  SELECT process_id, max(end_time) AS last_block_time,
    CAST(count(*) AS BIGINT) AS total_blocks,
    CAST(sum(CAST(array_has("streams.tags", 'cpu') AS BIGINT)) AS BIGINT) AS cpu_blocks
  FROM blocks GROUP BY process_id
) b ON b.process_id = p.process_id
${where}
ORDER BY p.start_time DESC
LIMIT ${Math.max(1, Math.floor(limit))}`;
  return { sql, params: search ? { search } : {} };
}

/** One row per block of a process: its time span, object count, stream and thread name. */
export function blockSpansSql(processId: string): SqlWithParams {
  const sql = `SELECT stream_id, begin_time, end_time, CAST(nb_objects AS BIGINT) AS nb_objects,
  "streams.tags" AS tags, jsonb_format_json("streams.properties") AS stream_properties
FROM blocks
WHERE process_id = '$pid'`;
  return { sql, params: { pid: checkedId(processId, 'process') } };
}

/**
 * Raw mode, step 1: a process's blocks with their stream's and process's metadata: everything the
 * ProcessInfo, StreamInfo and Block messages held except the payloads.
 */
export function rawBlocksSql(processId: string): SqlWithParams {
  const sql = `SELECT block_id, stream_id, process_id, begin_time, begin_ticks, end_time, end_ticks,
  CAST(nb_objects AS BIGINT) AS nb_objects, CAST(object_offset AS BIGINT) AS object_offset,
  "streams.dependencies_metadata" AS dependencies_metadata,
  "streams.objects_metadata" AS objects_metadata,
  "streams.tags" AS tags,
  jsonb_format_json("streams.properties") AS stream_properties,
  "processes.start_time" AS process_start_time,
  "processes.start_ticks" AS process_start_ticks,
  "processes.tsc_frequency" AS process_tsc_frequency,
  "processes.exe" AS process_exe,
  "processes.username" AS process_username,
  "processes.computer" AS process_computer,
  "processes.parent_process_id" AS process_parent_process_id,
  jsonb_format_json("processes.properties") AS process_properties
FROM blocks
WHERE process_id = '$pid'`;
  return { sql, params: { pid: checkedId(processId, 'process') } };
}

export interface BlockKey {
  streamId: string;
  blockId: string;
}

/**
 * Raw mode, step 2: the payloads of a few blocks of one process, with `get_payload`
 * (rust/analytics/src/lakehouse/get_payload_function.rs: the block's payload as stored).
 */
export function payloadsSql(processId: string, blocks: BlockKey[]): SqlWithParams {
  const params: Record<string, string> = { pid: checkedId(processId, 'process') };
  const rows = blocks.map((b, i) => {
    params[`str${i}x`] = checkedId(b.streamId, 'stream');
    params[`blk${i}x`] = checkedId(b.blockId, 'block');
    return `('$pid', '$str${i}x', '$blk${i}x')`;
  });
  const sql = `SELECT process_id, stream_id, block_id,
  get_payload(process_id, stream_id, block_id) AS payload
FROM (VALUES ${rows.join(', ')}) AS t(process_id, stream_id, block_id)`;
  return { sql, params };
}
