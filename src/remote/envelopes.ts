// Raw mode rebuilds the three micromegas HTTP bodies (ProcessInfo, StreamInfo, Block) from the
// analytics server's `blocks` rows and `get_payload` blobs, encoded with cbor-x in the shapes
// src/decode/envelope.ts reads, so the exact decoder and the ingest pool take them like files.
// Upstream ingestion stores a stream's UDT metadata and a block's payload re-encoded as CBOR
// (`encode_cbor` in rust/ingestion/src/web_ingestion_service.rs); both are decoded here and
// nested back into the message they came from. No DOM.
import { decode, encode } from 'cbor-x';
import { formatEpochNs } from '../base/time';
import { protocolError } from './errors';

export interface RawProcess {
  processId: string;
  exe: string;
  username: string;
  computer: string;
  startNs: bigint;
  startTicks: bigint;
  tscFrequency: bigint;
  parentProcessId: string | null;
  properties: Record<string, string>;
}

export interface RawStream {
  streamId: string;
  processId: string;
  dependenciesMetadata: Uint8Array;
  objectsMetadata: Uint8Array;
  tags: string[];
  properties: Record<string, string>;
}

export interface RawBlock {
  blockId: string;
  streamId: string;
  processId: string;
  beginNs: bigint;
  beginTicks: bigint;
  endNs: bigint;
  endTicks: bigint;
  nbObjects: number;
  objectOffset: number;
}

/**
 * cbor-x may return a view into a buffer it shares between messages; ingest transfers each
 * input's whole buffer to a worker, so every message gets a buffer of its own.
 */
function encodeOwned(value: unknown): Uint8Array {
  return new Uint8Array(encode(value));
}

function cborValue(bytes: Uint8Array, what: string): unknown {
  try {
    return decode(bytes);
  } catch (error) {
    throw protocolError(`${what} is not CBOR (${(error as Error).message})`);
  }
}

export function processMessage(p: RawProcess): Uint8Array {
  return encodeOwned({
    process_id: p.processId,
    exe: p.exe,
    username: p.username,
    computer: p.computer,
    tsc_frequency: p.tscFrequency,
    start_time: formatEpochNs(p.startNs),
    start_ticks: p.startTicks,
    parent_process_id: p.parentProcessId,
    properties: p.properties,
  });
}

export function streamMessage(s: RawStream): Uint8Array {
  return encodeOwned({
    stream_id: s.streamId,
    process_id: s.processId,
    dependencies_metadata: cborValue(
      s.dependenciesMetadata,
      `dependencies_metadata of ${s.streamId}`,
    ),
    objects_metadata: cborValue(s.objectsMetadata, `objects_metadata of ${s.streamId}`),
    tags: s.tags,
    properties: s.properties,
  });
}

/** `payload`: the blob get_payload returned (a CBOR map of dependencies and objects). */
export function blockMessage(b: RawBlock, payload: Uint8Array): Uint8Array {
  return encodeOwned({
    block_id: b.blockId,
    stream_id: b.streamId,
    process_id: b.processId,
    begin_time: formatEpochNs(b.beginNs),
    begin_ticks: b.beginTicks,
    end_time: formatEpochNs(b.endNs),
    end_ticks: b.endTicks,
    payload: cborValue(payload, `the payload of block ${b.blockId}`),
    nb_objects: b.nbObjects,
    object_offset: b.objectOffset,
  });
}
