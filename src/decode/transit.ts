// Transit: micromegas' self-describing binary object buffers. A buffer is a sequence of objects,
// each a 1-byte index into the stream's UDT list, a u32 length when the UDT's size is 0, then the
// raw struct. Everything here is driven by the UDT metadata: offsets, sizes, references (u64 keys
// into the block's dependencies), nested UDTs found by name, reference UDTs (their `id` member).
// Semantics follow micromegas `rust/transit/src/parser.rs`. Work is bounded whatever the metadata:
// nested UDTs at most MAX_UDT_DEPTH deep, at most MAX_MEMBERS_PER_OBJECT member reads per object
// and one per byte of the buffer (plus MEMBER_ALLOWANCE) per block — overlapping members typed as
// other UDTs would otherwise cost members^depth (6 levels × 20 members: 64 M reads per object).
// Real micromegas dependencies read ~7 members per 48 bytes, nothing nested. No DOM, no Node APIs.
import { readU64Key } from '../base/int64';
import { PayloadError } from './errors';
import type { Udt, UdtMember } from './metadata';
import { readStaticString, readStaticStringDependency } from './transit-strings';

export type DepKey = number | bigint;
export type TransitValue = number | bigint | string | TransitObject;
export interface TransitObject {
  typeName: string;
  members: Map<string, TransitValue>;
}
export type Dependencies = Map<DepKey, TransitValue>;

type Buffer = 'dependencies' | 'objects';

export const MAX_UDT_DEPTH = 8;
export const MAX_MEMBERS_PER_OBJECT = 256;
export const MEMBER_ALLOWANCE = 1024;

const INTRINSIC_SIZES: Record<string, number> = {
  u8: 1,
  uint8: 1,
  u32: 4,
  uint32: 4,
  u64: 8,
  uint64: 8,
  i64: 8,
  int64: 8,
  f64: 8,
};

export interface ObjectHeader {
  udtIndex: number;
  /** Offset of the struct's first byte in the buffer. */
  start: number;
  size: number;
  isDynamic: boolean;
}

/** Reads the header of the object at `offset`; throws PayloadError when it does not fit. */
export function readObjectHeader(
  view: DataView,
  offset: number,
  udts: Udt[],
  buffer: Buffer,
): ObjectHeader {
  const udtIndex = view.getUint8(offset);
  if (udtIndex >= udts.length) {
    const reason = `expected a type index below ${udts.length}, got ${udtIndex}`;
    throw new PayloadError(buffer, offset, reason);
  }
  let start = offset + 1;
  let size = udts[udtIndex].size;
  const isDynamic = size === 0;
  if (isDynamic) {
    if (start + 4 > view.byteLength) {
      throw new PayloadError(buffer, start, 'expected a u32 object size, got end of buffer');
    }
    size = view.getUint32(start, true);
    start += 4;
  }
  if (start + size > view.byteLength) {
    const reason = `expected ${udts[udtIndex].name} of ${size} bytes, got ${view.byteLength - start} bytes left`;
    throw new PayloadError(buffer, start, reason);
  }
  return { udtIndex, start, size, isDynamic };
}

function readIntrinsic(view: DataView, at: number, member: UdtMember): TransitValue | undefined {
  const expected = INTRINSIC_SIZES[member.typeName];
  if (expected === undefined) return undefined;
  if (expected !== member.size) {
    throw new Error(
      `expected size ${expected} for ${member.typeName} member '${member.name}', got ${member.size}`,
    );
  }
  switch (member.typeName) {
    case 'u8':
    case 'uint8':
      return view.getUint8(at);
    case 'u32':
    case 'uint32':
      return view.getUint32(at, true);
    case 'u64':
    case 'uint64':
      return readU64Key(view, at);
    case 'f64':
      return view.getFloat64(at, true);
    default:
      return view.getBigInt64(at, true);
  }
}

function readMember(
  view: DataView,
  start: number,
  windowSize: number,
  member: UdtMember,
  ctx: PodContext,
): TransitValue {
  countMemberRead(ctx);
  if (member.offset + member.size > windowSize) {
    throw new Error(
      `expected member '${member.name}' within ${windowSize} bytes, got offset ${member.offset} + size ${member.size}`,
    );
  }
  const at = start + member.offset;
  if (member.isReference) {
    if (member.size < 8)
      throw new Error(
        `expected a reference of 8 bytes or more, got ${member.size} for '${member.name}'`,
      );
    const key = readU64Key(view, at);
    const value = ctx.deps.get(key);
    if (value === undefined)
      throw new Error(`expected dependency ${key} for member '${member.name}', got none`);
    return value;
  }
  const intrinsic = readIntrinsic(view, at, member);
  if (intrinsic !== undefined) return intrinsic;
  return readNested(view, at, windowSize, member, ctx);
}

/** A member typed as another UDT, read in place (at most MAX_UDT_DEPTH levels down). */
function readNested(
  view: DataView,
  at: number,
  windowSize: number,
  member: UdtMember,
  ctx: PodContext,
): TransitValue {
  const nested = ctx.byName.get(member.typeName);
  if (!nested)
    throw new Error(
      `expected a known type for member '${member.name}', got unknown type '${member.typeName}'`,
    );
  if (member.offset + nested.size > windowSize) {
    throw new Error(
      `expected nested ${nested.name} within ${windowSize} bytes, got offset ${member.offset} + size ${nested.size}`,
    );
  }
  if (ctx.depth >= MAX_UDT_DEPTH) {
    throw new Error(
      `expected UDTs nested at most ${MAX_UDT_DEPTH} deep, got deeper at member '${member.name}'`,
    );
  }
  ctx.depth++;
  const value = readPod(view, at, nested.size, nested, ctx);
  ctx.depth--;
  return value;
}

interface PodContext {
  byName: Map<string, Udt>;
  deps: Dependencies;
  stats: DependencyStats;
  /** Nesting depth of the struct being read (0 = the object itself). */
  depth: number;
  /** stats.membersRead when the current object started, and the block's limit. */
  objectStart: number;
  blockLimit: number;
}

function countMemberRead(ctx: PodContext): void {
  const read = ++ctx.stats.membersRead;
  if (read - ctx.objectStart > MAX_MEMBERS_PER_OBJECT) {
    throw new Error(`expected at most ${MAX_MEMBERS_PER_OBJECT} member reads per object, got more`);
  }
  if (read > ctx.blockLimit) {
    const reason = `expected at most ${ctx.blockLimit} member reads in this block (one per byte + ${MEMBER_ALLOWANCE}), got more`;
    throw new Error(reason);
  }
}

/** UDTs by name, the first of each name winning (as a linear search would). */
function udtsByName(udts: Udt[]): Map<string, Udt> {
  const byName = new Map<string, Udt>();
  for (const udt of udts) if (!byName.has(udt.name)) byName.set(udt.name, udt);
  return byName;
}

/** Reads a fixed-size struct; a reference UDT yields its `id` member's value. Throws Error. */
export function readPod(
  view: DataView,
  start: number,
  size: number,
  udt: Udt,
  ctx: PodContext,
): TransitValue {
  const members = new Map<string, TransitValue>();
  for (const member of udt.members)
    members.set(member.name, readMember(view, start, size, member, ctx));
  if (udt.isReference) {
    const id = members.get('id');
    if (id === undefined)
      throw new Error(`expected an 'id' member in reference type ${udt.name}, got none`);
    return id;
  }
  return { typeName: udt.name, members };
}

export function insertDependency(
  deps: Dependencies,
  key: DepKey,
  value: TransitValue,
  offset: number,
): void {
  if (deps.has(key))
    throw new PayloadError(
      'dependencies',
      offset,
      `expected unique dependency ids, got ${key} twice`,
    );
  deps.set(key, value);
}

export interface DependencyStats {
  skippedDynamic: number;
  /** UDT members read (the work counter that MAX_MEMBERS_PER_OBJECT and the block limit bound). */
  membersRead: number;
}

/** Reads a block's dependency buffer into id → value. Throws PayloadError. */
export function readDependencies(
  bytes: Uint8Array,
  udts: Udt[],
  stats: DependencyStats,
): Dependencies {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const deps: Dependencies = new Map();
  const blockLimit = stats.membersRead + bytes.byteLength + MEMBER_ALLOWANCE;
  const ctx: PodContext = {
    byName: udtsByName(udts),
    deps,
    stats,
    depth: 0,
    objectStart: 0,
    blockLimit,
  };
  let offset = 0;
  while (offset < view.byteLength) {
    const h = readObjectHeader(view, offset, udts, 'dependencies');
    const udt = udts[h.udtIndex];
    if (udt.name === 'StaticString') readStaticString(view, h, deps);
    else if (udt.name === 'StaticStringDependency') readStaticStringDependency(view, h, deps);
    else if (h.isDynamic) stats.skippedDynamic++;
    else readPodDependency(view, h, udt, ctx);
    offset = h.start + h.size;
  }
  return deps;
}

function readPodDependency(view: DataView, h: ObjectHeader, udt: Udt, ctx: PodContext): void {
  let value: TransitValue;
  ctx.objectStart = ctx.stats.membersRead;
  ctx.depth = 0;
  try {
    value = readPod(view, h.start, h.size, udt, ctx);
  } catch (error) {
    throw new PayloadError('dependencies', h.start, `${udt.name}: ${(error as Error).message}`);
  }
  if (typeof value !== 'object') return;
  const id = value.members.get('id');
  if (typeof id !== 'number' && typeof id !== 'bigint') {
    throw new PayloadError(
      'dependencies',
      h.start,
      `expected a u64 'id' in ${udt.name}, got ${typeof id}`,
    );
  }
  insertDependency(ctx.deps, id, value, h.start);
}
