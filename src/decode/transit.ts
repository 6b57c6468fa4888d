// Transit: micromegas' self-describing binary object buffers. A buffer is a sequence of objects,
// each a 1-byte index into the stream's UDT list, a u32 length when the UDT's size is 0, then the
// raw struct. Everything here is driven by the UDT metadata: offsets, sizes, references (u64 keys
// into the block's dependencies), nested UDTs found by name, reference UDTs (their `id` member).
// Semantics follow micromegas `rust/transit/src/parser.rs`. No DOM, no Node APIs.
import { readU64Key } from '../base/int64';
import { PayloadError } from './errors';
import type { Udt, UdtMember } from './metadata';

export type DepKey = number | bigint;
export type TransitValue = number | bigint | string | TransitObject;
export interface TransitObject {
  typeName: string;
  members: Map<string, TransitValue>;
}
export type Dependencies = Map<DepKey, TransitValue>;

type Buffer = 'dependencies' | 'objects';

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
  const nested = ctx.udts.find((u) => u.name === member.typeName);
  if (!nested)
    throw new Error(
      `expected a known type for member '${member.name}', got unknown type '${member.typeName}'`,
    );
  if (member.offset + nested.size > windowSize) {
    throw new Error(
      `expected nested ${nested.name} within ${windowSize} bytes, got offset ${member.offset} + size ${nested.size}`,
    );
  }
  return readPod(view, at, nested.size, nested, ctx);
}

interface PodContext {
  udts: Udt[];
  deps: Dependencies;
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

const CODEC_UTF16 = 1;
const CODEC_COUNT = 3; // 0 ansi, 1 utf-16le, 2 utf-8
const decoders = {
  lossy: new TextDecoder('utf-8'),
  strict: new TextDecoder('utf-8', { fatal: true }),
  wide: new TextDecoder('utf-16le'),
};

/** StaticString: u64 id, then UTF-8 bytes to the end of the object (strict UTF-8, as upstream). */
function readStaticString(view: DataView, h: ObjectHeader, deps: Dependencies): void {
  if (h.size < 8)
    throw new PayloadError(
      'dependencies',
      h.start,
      `expected StaticString of 8 bytes or more, got ${h.size}`,
    );
  const key = readU64Key(view, h.start);
  const bytes = new Uint8Array(view.buffer, view.byteOffset + h.start + 8, h.size - 8);
  let text: string;
  try {
    text = decoders.strict.decode(bytes);
  } catch {
    throw new PayloadError(
      'dependencies',
      h.start + 8,
      'expected UTF-8 text in StaticString, got invalid bytes',
    );
  }
  insertDependency(deps, key, text, h.start);
}

/** StaticStringDependency: u64 id, u8 codec (0 ansi, 1 utf-16le, 2 utf-8), u32 length, bytes. */
function readStaticStringDependency(view: DataView, h: ObjectHeader, deps: Dependencies): void {
  if (h.start + 13 > view.byteLength)
    throw new PayloadError(
      'dependencies',
      h.start,
      'expected StaticStringDependency header of 13 bytes, got end of buffer',
    );
  const key = readU64Key(view, h.start);
  const codec = view.getUint8(h.start + 8);
  const length = view.getUint32(h.start + 9, true);
  const textStart = h.start + 13;
  if (codec >= CODEC_COUNT)
    throw new PayloadError(
      'dependencies',
      h.start + 8,
      `expected string codec 0, 1 or 2, got ${codec}`,
    );
  if (textStart + length > view.byteLength)
    throw new PayloadError(
      'dependencies',
      h.start + 9,
      `expected ${length} string bytes, got ${view.byteLength - textStart}`,
    );
  if (codec === CODEC_UTF16 && length % 2 !== 0)
    throw new PayloadError(
      'dependencies',
      h.start + 9,
      `expected an even UTF-16 byte length, got ${length}`,
    );
  const bytes = new Uint8Array(view.buffer, view.byteOffset + textStart, length);
  // Upstream treats ANSI as lossy UTF-8, like UTF-8 itself.
  insertDependency(
    deps,
    key,
    codec === CODEC_UTF16 ? decoders.wide.decode(bytes) : decoders.lossy.decode(bytes),
    h.start,
  );
}

function insertDependency(
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
}

/** Reads a block's dependency buffer into id → value. Throws PayloadError. */
export function readDependencies(
  bytes: Uint8Array,
  udts: Udt[],
  stats: DependencyStats,
): Dependencies {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const deps: Dependencies = new Map();
  let offset = 0;
  while (offset < view.byteLength) {
    const h = readObjectHeader(view, offset, udts, 'dependencies');
    const udt = udts[h.udtIndex];
    if (udt.name === 'StaticString') readStaticString(view, h, deps);
    else if (udt.name === 'StaticStringDependency') readStaticStringDependency(view, h, deps);
    else if (h.isDynamic) stats.skippedDynamic++;
    else readPodDependency(view, h, udt, { udts, deps });
    offset = h.start + h.size;
  }
  return deps;
}

function readPodDependency(view: DataView, h: ObjectHeader, udt: Udt, ctx: PodContext): void {
  let value: TransitValue;
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
