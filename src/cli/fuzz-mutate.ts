// Mutations for `weft fuzz`: each input is a small capture (a process, one stream, one block of it,
// from the real fixtures) with one file damaged in one of the ways hostile input arrives: raw
// bytes, CBOR fields (types, ranges, times), CBOR value sharing (tags 28/29), LZ4 frame headers
// and declared sizes, transit metadata (sizes, offsets, nesting) and transit buffers (type
// indices, dynamic sizes). Deterministic: the same seed and index give the same input. Node only.
import { decode, encode, Encoder } from 'cbor-x';
import { decodeLz4Frames } from '../decode/lz4-frame';
import { storedLz4Frame } from '../decode/testing';
import { xxh32 } from '../decode/xxh32';

export interface FuzzFile {
  name: string;
  bytes: Uint8Array;
}
export type Triplet = [process: FuzzFile, stream: FuzzFile, block: FuzzFile];
type Rng = () => number;
// Mutations write values of any type anywhere in decoded CBOR: `any` is what they handle.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;

/** mulberry32: floats in [0, 1). */
export function rng(seed: number): Rng {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (r: Rng, n: number) => Math.floor(r() * n);
const pick = <T>(r: Rng, list: readonly T[]): T => list[int(r, list.length)];
const sharer = new Encoder({ structuredClone: true, useRecords: false });

const ODD_VALUES = [
  -1,
  -(2 ** 40),
  2 ** 53 + 7,
  2n ** 63n,
  2n ** 64n - 1n,
  -(2n ** 63n) - 1n,
  0,
  0.5,
  NaN,
  '',
  'x',
  '2100-01-01T00:00:00Z',
  '2027-11-27T00:30:20Z',
  '2026-13-45T99:99:99Z',
  '1970-01-01T00:00:00Z',
  null,
  [],
  {},
  new Uint8Array(3),
  true,
];

function bytesMutation(r: Rng, bytes: Uint8Array): Uint8Array {
  const out = Uint8Array.prototype.slice.call(bytes); // a copy, even of a Buffer
  const kind = int(r, 4);
  if (kind === 0) return out.subarray(0, int(r, out.length)); // truncate
  if (kind === 1) {
    for (let i = 0, n = 1 + int(r, 8); i < n; i++) out[int(r, out.length)] ^= 1 << int(r, 8);
    return out;
  }
  if (kind === 2) {
    for (let i = 0, n = 1 + int(r, 4); i < n; i++) out[int(r, out.length)] = int(r, 256);
    return out;
  }
  const at = int(r, out.length); // splice a copy of a random slice elsewhere
  const from = int(r, out.length);
  const slice = out.subarray(from, from + int(r, 64));
  return new Uint8Array([...out.subarray(0, at), ...slice, ...out.subarray(at)]);
}

/** Every [object, key] pair reachable from `root` (values are objects or arrays). */
function slots(root: Obj): [Obj, string][] {
  const out: [Obj, string][] = [];
  const walk = (o: Obj) => {
    for (const key of Object.keys(o)) {
      out.push([o, key]);
      const v = o[key];
      if (v && typeof v === 'object' && !(v instanceof Uint8Array)) walk(v);
    }
  };
  walk(root);
  return out;
}

function fieldMutation(r: Rng, bytes: Uint8Array): Uint8Array {
  const body = decode(bytes) as Obj;
  const all = slots(body);
  for (let i = 0, n = 1 + int(r, 3); i < n; i++) {
    const [o, key] = pick(r, all);
    if (r() < 0.15) delete o[key];
    else o[key] = structuredClone(pick(r, ODD_VALUES)); // fresh: bodies are mutated again later
  }
  return encode(body);
}

/** Value sharing: one object repeated many times, as cbor-x's structuredClone writes tags 28/29. */
function sharedMutation(r: Rng, bytes: Uint8Array): Uint8Array {
  const body = decode(bytes) as Obj;
  const shared = { name: 'm', type_name: 'u8', offset: 0, size: 1, is_reference: false };
  const many = Array.from({ length: 100 + int(r, 5000) }, () => shared);
  const key = pick(r, [...Object.keys(body), 'objects_metadata', 'dependencies_metadata']);
  body[key] = r() < 0.5 ? many : [{ name: 'U', size: 1, is_reference: false, members: many }];
  return sharer.encode(body);
}

/** Rewrites an LZ4 frame header byte or size, with a valid header checksum half of the time. */
function lz4HeaderMutation(r: Rng, frame: Uint8Array): Uint8Array {
  const out = frame.slice();
  const hasSize = (out[4] & 0x08) !== 0;
  const hcPos = 6 + (hasSize ? 8 : 0) + (out[4] & 0x01 ? 4 : 0);
  const kind = int(r, 4);
  if (kind === 0) out[4] ^= 1 << int(r, 8); // FLG
  if (kind === 1) out[5] = int(r, 256); // BD
  if (kind === 2) {
    const word = out.length > hcPos + 5 ? hcPos + 1 : 7; // first block size word
    new DataView(out.buffer).setUint32(word, pick(r, [0x7fffffff, 0x400001, 0xffffffff, 1]), true);
  }
  if (kind === 3) {
    // Declare a content size (often absurd) in a frame that had none.
    const sized = new Uint8Array([
      ...out.subarray(0, 6),
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      ...out.subarray(6),
    ]);
    sized[4] |= 0x08;
    new DataView(sized.buffer).setUint32(
      6 + 4 * int(r, 2),
      pick(r, [1, 2 ** 31, 2 ** 32 - 1]),
      true,
    );
    return withHeaderChecksum(sized, 14);
  }
  return r() < 0.5 ? withHeaderChecksum(out, hcPos) : out;
}

function withHeaderChecksum(frame: Uint8Array, hcPos: number): Uint8Array {
  if (hcPos < frame.length) frame[hcPos] = (xxh32(frame.subarray(4, hcPos), 0) >>> 8) & 0xff;
  return frame;
}

function blockMutation(r: Rng, bytes: Uint8Array): Uint8Array {
  const block = decode(bytes) as Obj;
  const which = pick(r, ['dependencies', 'objects']);
  const frame = new Uint8Array(block.payload[which]);
  if (r() < 0.5) {
    block.payload[which] = lz4HeaderMutation(r, frame);
  } else {
    // Transit buffer damage behind a valid (stored) frame: type indices and u32 sizes.
    const raw = decodeLz4Frames(frame).slice();
    const view = new DataView(raw.buffer);
    for (let i = 0, n = 1 + int(r, 3); i < n && raw.length > 5; i++) {
      const at = int(r, raw.length - 4);
      if (r() < 0.5) raw[at] = int(r, 16);
      else view.setUint32(at, pick(r, [0, 1, 0xffff, 0x7fffffff, 0xffffffff]), true);
    }
    block.payload[which] = storedLz4Frame(raw);
  }
  return encode(block);
}

/** UDT metadata damage: sizes, offsets, references, and members typed as other (nested) UDTs. */
function metadataMutation(r: Rng, bytes: Uint8Array): Uint8Array {
  const stream = decode(bytes) as Obj;
  const list = stream[pick(r, ['dependencies_metadata', 'objects_metadata'])];
  if (!Array.isArray(list) || list.length === 0) return fieldMutation(r, bytes);
  const udt: Obj = pick(r, list);
  const member: Obj | undefined = udt.members?.length ? pick(r, udt.members) : undefined;
  const kind = int(r, 5);
  if (kind === 0) udt.size = pick(r, [0, 1, 7, 255, 65536, 2 ** 31]);
  if (kind === 1 && member) member.offset = pick(r, [0, 1, udt.size, udt.size - 1, 2 ** 31]);
  if (kind === 2 && member) member.is_reference = !member.is_reference;
  if (kind === 3 && member) member.type_name = pick(r, list).name; // nesting, cycles included
  if (kind === 4) {
    const width = 1 + int(r, 30); // levels of `width` members typed as the next level
    const levels = Array.from({ length: 2 + int(r, 8) }, (_, i) => `N${i}`);
    levels.forEach((name, i) =>
      list.push({
        name,
        size: 1,
        is_reference: false,
        members: Array.from({ length: width }, (_, j) => ({
          name: `m${j}`,
          type_name: levels[i + 1] ?? 'u8',
          offset: 0,
          size: 1,
          is_reference: false,
        })),
      }),
    );
    if (udt.members?.length) udt.members[0].type_name = 'N0';
  }
  return encode(stream);
}

/** Input `index`: the triplet it damages and how; `label` names the mutation for the report. */
export function mutate(seed: number, index: number, corpus: Triplet[]) {
  const r = rng(seed * 1_000_003 + index);
  const files = pick(r, corpus).map((f) => ({ ...f })) as Triplet;
  const target = int(r, 3);
  const kinds = ['bytes', 'field', 'shared-refs', ...(target === 2 ? ['block'] : [])];
  if (target === 1) kinds.push('metadata', 'metadata');
  const label = `${['process', 'stream', 'block'][target]}:${pick(r, kinds)}`;
  const mutation = label.split(':')[1];
  const f = files[target];
  try {
    if (mutation === 'bytes') f.bytes = bytesMutation(r, f.bytes);
    if (mutation === 'field') f.bytes = fieldMutation(r, f.bytes);
    if (mutation === 'shared-refs') f.bytes = sharedMutation(r, f.bytes);
    if (mutation === 'block') f.bytes = blockMutation(r, f.bytes);
    if (mutation === 'metadata') f.bytes = metadataMutation(r, f.bytes);
  } catch {
    f.bytes = bytesMutation(r, f.bytes); // a mutation that could not apply: damage bytes instead
  }
  return { label, files };
}
