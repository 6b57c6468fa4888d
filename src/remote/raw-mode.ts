// Raw mode: a process read from a micromegas analytics server as the bodies its instrumentation
// once POSTed. Step 1 reads the process's `blocks` rows (headers plus the "streams.*" and
// "processes.*" columns); step 2 reads the payloads with `get_payload`, a few blocks per query
// as micromegas' own tooling does (8: local_test_env/ai_scripts/import_net_blocks_from_prod.py),
// the next chunk requested while the current one is handed over. Output: in-memory inputs for
// the ingest pool (the exact decoder), so nothing downstream differs from dropped files. No DOM.
import { queryStream, type RemoteConnection } from './client';
import { protocolError } from './errors';
import { blockMessage, processMessage, streamMessage, type RawBlock } from './envelopes';
import { readRawRows, type RawRows } from './raw-rows';
import { payloadsSql } from './sql';
import { binaries, texts } from './values';

export const PAYLOAD_CHUNK_BLOCKS = 8;

/** One synthesized body; `path` names it in progress and errors like a capture file. */
export interface RemoteInput {
  path: string;
  bytes: Uint8Array;
}

export interface RemoteRange {
  beginIso?: string;
  endIso?: string;
}

export interface RawProgress {
  blocksDone: number;
  blocksTotal: number;
}

/**
 * The process's bodies, in batches: first ProcessInfo and every StreamInfo, then the Blocks one
 * payload chunk at a time. With a range, only blocks overlapping it are read (whole).
 */
export async function* remoteProcessInputs(
  conn: RemoteConnection,
  processId: string,
  range: RemoteRange = {},
  signal?: AbortSignal,
  onProgress?: (progress: RawProgress) => void,
): AsyncGenerator<RemoteInput[]> {
  const rows = await readRawRows(conn, processId, range, signal);
  yield metadataInputs(rows);
  const blocks = rows.blocks;
  const progress = { blocksDone: 0, blocksTotal: blocks.length };
  onProgress?.({ ...progress });
  const chunks: RawBlock[][] = [];
  for (let i = 0; i < blocks.length; i += PAYLOAD_CHUNK_BLOCKS)
    chunks.push(blocks.slice(i, i + PAYLOAD_CHUNK_BLOCKS));
  const fetchChunk = (k: number) => payloadInputs(conn, processId, chunks[k], range, signal);
  let next = chunks.length > 0 ? fetchChunk(0) : null;
  for (let k = 0; next; k++) {
    const current = await next;
    next = k + 1 < chunks.length ? fetchChunk(k + 1) : null;
    next?.catch(() => {}); // awaited on the next turn; keep an early failure from going unhandled
    progress.blocksDone += current.length;
    onProgress?.({ ...progress });
    yield current;
  }
}

function metadataInputs(rows: RawRows): RemoteInput[] {
  const pid = rows.process.processId;
  const inputs = [{ path: `${pid}/process.cbor`, bytes: processMessage(rows.process) }];
  for (const stream of rows.streams)
    inputs.push({ path: `${pid}/streams/${stream.streamId}.cbor`, bytes: streamMessage(stream) });
  return inputs;
}

async function payloadInputs(
  conn: RemoteConnection,
  processId: string,
  blocks: RawBlock[],
  range: RemoteRange,
  signal?: AbortSignal,
): Promise<RemoteInput[]> {
  const { sql, params } = payloadsSql(processId, blocks);
  const request = { sql, params, beginIso: range.beginIso, endIso: range.endIso };
  const table = await queryStream(conn, request, signal);
  const ids = texts(table, 'block_id');
  const payloads = binaries(table, 'payload');
  const byId = new Map<string, Uint8Array | null>();
  ids.forEach((id, i) => byId.set(id ?? '', payloads[i]));
  return blocks.map((block) => {
    const payload = byId.get(block.blockId);
    if (!payload) throw protocolError(`get_payload returned no payload for block ${block.blockId}`);
    const path = `${processId}/blocks/${block.streamId}/${block.blockId}.cbor`;
    return { path, bytes: blockMessage(block, payload) };
  });
}

/** All inputs of a process at once (tests, the CLI). */
export async function collectRemoteInputs(
  conn: RemoteConnection,
  processId: string,
  range?: RemoteRange,
  signal?: AbortSignal,
  onProgress?: (progress: RawProgress) => void,
): Promise<RemoteInput[]> {
  const all: RemoteInput[] = [];
  for await (const batch of remoteProcessInputs(conn, processId, range, signal, onProgress))
    all.push(...batch);
  return all;
}
