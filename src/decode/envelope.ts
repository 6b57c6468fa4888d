// The CBOR envelope: classifies a micromegas HTTP body (ProcessInfo, StreamInfo or Block) by its
// keys, and converts it to typed objects. cbor-x builds the objects, only after cbor-scan.ts found
// the bytes free of tags, over-long counts and deep nesting. The file name only decides whether a
// body that fails is an error or a skipped file (classify.ts). No DOM, no Node APIs.
import { decode } from 'cbor-x';
import { parseRfc3339Ns, type EpochNs } from '../base/time';
import { toBigInt } from '../base/int64';
import { scanCbor } from './cbor-scan';
import { rejectBody, type Fields } from './classify';
import { DecodeError } from './errors';
import { describe, toUdts, type Udt } from './metadata';

export interface ProcessInfo {
  processId: string;
  exe: string;
  tscFrequency: bigint;
  startTicks: bigint;
  startTime: string;
  startTimeNs: EpochNs;
  parentProcessId: string | null;
  properties: Record<string, string>;
  computer: string;
  username: string;
}

export interface StreamInfo {
  streamId: string;
  processId: string;
  tags: string[];
  properties: Record<string, string>;
  dependenciesMetadata: Udt[];
  objectsMetadata: Udt[];
}

export interface BlockInfo {
  blockId: string;
  streamId: string;
  processId: string;
  beginTime: string;
  beginTimeNs: EpochNs;
  beginTicks: bigint;
  endTime: string;
  endTimeNs: EpochNs;
  endTicks: bigint;
  objectOffset: number;
  nbObjects: number;
  dependencies: Uint8Array;
  objects: Uint8Array;
  /** Size of the whole CBOR body, for progress and throughput. */
  byteLength: number;
}

export type Envelope =
  | { kind: 'process'; process: ProcessInfo }
  | { kind: 'stream'; stream: StreamInfo }
  | { kind: 'block'; block: BlockInfo };

type CborMap = Record<string, unknown>;

function get<T>(map: CborMap, key: string, check: (v: unknown) => T | undefined, want: string): T {
  const value = check(map[key]);
  if (value === undefined)
    throw new TypeError(`expected ${want} '${key}', got ${describe(map[key])}`);
  return value;
}

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;
const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
/** An i64, as upstream's ticks and frequency are (rust/telemetry/src/types/block.rs). */
const int = (v: unknown) => {
  const n = toBigInt(v);
  return n !== undefined && n >= I64_MIN && n <= I64_MAX ? n : undefined;
};
const count = (v: unknown) =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : undefined;
const time = (v: unknown) => (typeof v === 'string' ? parseRfc3339Ns(v) : undefined);

function stringMap(v: unknown): Record<string, string> | undefined {
  if (v === null || v === undefined) return {};
  if (typeof v !== 'object' || Array.isArray(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, value] of Object.entries(v as CborMap)) out[k] = String(value);
  return out;
}

/** Payload bytes: a CBOR byte string, or (legacy) an array of integers 0..255. */
function bytes(v: unknown): Uint8Array | undefined {
  if (v instanceof Uint8Array) return v;
  if (!Array.isArray(v)) return undefined;
  const out = new Uint8Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const b = v[i];
    if (typeof b !== 'number' || !(b >= 0 && b <= 255) || !Number.isInteger(b)) return undefined;
    out[i] = b;
  }
  return out;
}

function toProcess(m: CborMap): ProcessInfo {
  const startTime = get(m, 'start_time', text, 'RFC 3339 text');
  return {
    processId: get(m, 'process_id', text, 'text'),
    exe: text(m.exe) ?? '',
    tscFrequency: get(m, 'tsc_frequency', int, '64-bit integer'),
    startTicks: get(m, 'start_ticks', int, '64-bit integer'),
    startTime,
    startTimeNs: get(m, 'start_time', time, 'RFC 3339 time'),
    parentProcessId: text(m.parent_process_id) ?? null,
    properties: get(m, 'properties', stringMap, 'map'),
    computer: text(m.computer) ?? '',
    username: text(m.username) ?? '',
  };
}

function toStream(m: CborMap): StreamInfo {
  const tags = m.tags;
  if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string')) {
    throw new TypeError(`expected array of text 'tags', got ${describe(tags)}`);
  }
  return {
    streamId: get(m, 'stream_id', text, 'text'),
    processId: get(m, 'process_id', text, 'text'),
    tags,
    properties: get(m, 'properties', stringMap, 'map'),
    dependenciesMetadata: toUdts(m.dependencies_metadata, 'dependencies_metadata'),
    objectsMetadata: toUdts(m.objects_metadata, 'objects_metadata'),
  };
}

function toBlock(m: CborMap, byteLength: number): BlockInfo {
  const payload = m.payload as CborMap | undefined;
  if (typeof payload !== 'object' || payload === null) {
    throw new TypeError(`expected map 'payload', got ${describe(payload)}`);
  }
  return {
    blockId: get(m, 'block_id', text, 'text'),
    streamId: get(m, 'stream_id', text, 'text'),
    processId: get(m, 'process_id', text, 'text'),
    beginTime: get(m, 'begin_time', text, 'text'),
    beginTimeNs: get(m, 'begin_time', time, 'RFC 3339 time'),
    beginTicks: get(m, 'begin_ticks', int, '64-bit integer'),
    endTime: get(m, 'end_time', text, 'text'),
    endTimeNs: get(m, 'end_time', time, 'RFC 3339 time'),
    endTicks: get(m, 'end_ticks', int, '64-bit integer'),
    objectOffset: get(m, 'object_offset', count, 'non-negative integer'),
    nbObjects: get(m, 'nb_objects', count, 'non-negative integer'),
    dependencies: get(payload, 'dependencies', bytes, 'bytes in payload:'),
    objects: get(payload, 'objects', bytes, 'bytes in payload:'),
    byteLength,
  };
}

function kindOf(m: CborMap): Envelope['kind'] | undefined {
  if ('block_id' in m && 'payload' in m) return 'block';
  if ('stream_id' in m && 'objects_metadata' in m) return 'stream';
  if ('process_id' in m && 'start_ticks' in m && 'tsc_frequency' in m) return 'process';
  return undefined;
}

function decodeCbor(input: Uint8Array, fileName: string): unknown {
  const scan = scanCbor(input);
  if (scan.error) {
    throw rejectBody(fileName, scan.fields, scan.error.reason, scan.error.offset);
  }
  try {
    return decode(input);
  } catch (error) {
    const reason = `expected a CBOR map, got undecodable CBOR (${(error as Error).message})`;
    throw rejectBody(fileName, scan.fields, reason, 0);
  }
}

function fieldsOf(m: CborMap): Fields {
  const fields: Fields = new Map();
  for (const [key, value] of Object.entries(m)) {
    const scalar = ['string', 'number', 'bigint'].includes(typeof value) || value === null;
    fields.set(key, scalar ? (value as string | number | bigint | null) : undefined);
  }
  return fields;
}

/** Classifies and converts one micromegas HTTP body; throws DecodeError. */
export function readEnvelope(input: Uint8Array, fileName: string): Envelope {
  const value = decodeCbor(input, fileName);
  const isMap = typeof value === 'object' && value !== null && !Array.isArray(value);
  const m = (isMap ? value : {}) as CborMap;
  const kind = isMap ? kindOf(m) : undefined;
  if (!kind) {
    const keys = Object.keys(m).slice(0, 6).join(', ');
    const got = isMap ? `a map with keys ${keys}` : describe(value);
    const reason = `expected a micromegas ProcessInfo, StreamInfo or Block, got ${got}`;
    throw rejectBody(fileName, fieldsOf(m), reason, 0);
  }
  try {
    if (kind === 'process') return { kind, process: toProcess(m) };
    if (kind === 'stream') return { kind, stream: toStream(m) };
    return { kind, block: toBlock(m, input.byteLength) };
  } catch (error) {
    const reason = `${kind}: ${(error as Error).message}`;
    if (kind !== 'block')
      throw new DecodeError('corrupt-envelope', { fileName, offset: 0 }, reason);
    throw rejectBody(fileName, fieldsOf(m), reason, 0);
  }
}
