// Compiles, from a stream's UDT metadata alone, where the members of the four async span events
// sit inside an object. Only the event type names and member names are fixed here; offsets,
// sizes, references and nested reference types come from the metadata. No DOM, no Node APIs.
import type { Udt, UdtMember } from './metadata';
import { BEGIN, END } from './event-columns';
import { MAX_UDT_DEPTH } from './transit';

const ASYNC_EVENTS: Record<string, { eventType: number; named: boolean }> = {
  BeginAsyncSpanEvent: { eventType: BEGIN, named: false },
  EndAsyncSpanEvent: { eventType: END, named: false },
  BeginAsyncNamedSpanEvent: { eventType: BEGIN, named: true },
  EndAsyncNamedSpanEvent: { eventType: END, named: true },
};

export interface AsyncEventPlan {
  eventType: number;
  named: boolean;
  /** Offset of the u64 dependency key of the SpanRecord (unnamed) or SpanLocationRecord (named). */
  descKeyOffset: number;
  /** Named events: offset of the u64 dependency key of the name string. */
  nameKeyOffset: number;
  spanIdOffset: number;
  parentSpanIdOffset: number;
  depthOffset: number;
  timeOffset: number;
}

const INTRINSIC: Record<string, { aliases: string[]; size: number }> = {
  u64: { aliases: ['u64', 'uint64'], size: 8 },
  u32: { aliases: ['u32', 'uint32'], size: 4 },
  i64: { aliases: ['i64', 'int64'], size: 8 },
};

export function isAsyncEventType(name: string): boolean {
  return name in ASYNC_EVENTS;
}

function member(udt: Udt, name: string): UdtMember {
  const found = udt.members.find((m) => m.name === name);
  if (!found) throw new Error(`expected member '${name}' in ${udt.name}, got none`);
  if (found.offset + found.size > udt.size) {
    throw new Error(
      `expected member '${name}' within the ${udt.size}-byte ${udt.name}, got offset ${found.offset} + size ${found.size}`,
    );
  }
  return found;
}

function intrinsicOffset(udt: Udt, name: string, want: keyof typeof INTRINSIC): number {
  const m = member(udt, name);
  const spec = INTRINSIC[want];
  if (m.isReference || !spec.aliases.includes(m.typeName) || m.size !== spec.size) {
    const got = `${m.isReference ? 'reference ' : ''}${m.typeName} of size ${m.size}`;
    throw new Error(`expected ${want} member '${name}' in ${udt.name}, got ${got}`);
  }
  return m.offset;
}

/**
 * Offset of the u64 key of a reference member, directly or through nested reference UDTs (at most
 * MAX_UDT_DEPTH of them: a UDT whose `id` is typed as itself would otherwise never end).
 */
function referenceKeyOffset(udt: Udt, name: string, udts: Udt[], depth = 0): number {
  const m = member(udt, name);
  if (m.isReference) {
    if (m.size < 8)
      throw new Error(`expected a reference of 8 bytes or more for '${name}', got ${m.size}`);
    return m.offset;
  }
  const nested = udts.find((u) => u.name === m.typeName);
  if (!nested)
    throw new Error(`expected a known type for member '${name}', got unknown type '${m.typeName}'`);
  if (!nested.isReference)
    throw new Error(`expected reference type for member '${name}', got ${nested.name}`);
  if (m.offset + nested.size > udt.size) {
    throw new Error(
      `expected nested ${nested.name} within ${udt.name}, got offset ${m.offset} + size ${nested.size}`,
    );
  }
  if (depth >= MAX_UDT_DEPTH)
    throw new Error(`expected UDTs nested at most ${MAX_UDT_DEPTH} deep, got deeper at '${name}'`);
  return m.offset + referenceKeyOffset(nested, 'id', udts, depth + 1);
}

/** The plan for objects of `udt`, `null` when it is not an async span event; throws Error. */
export function compileAsyncPlan(udt: Udt, udts: Udt[]): AsyncEventPlan | null {
  const kind = ASYNC_EVENTS[udt.name];
  if (!kind) return null;
  if (udt.size === 0) throw new Error(`expected a fixed size for ${udt.name}, got dynamic size`);
  return {
    eventType: kind.eventType,
    named: kind.named,
    descKeyOffset: referenceKeyOffset(udt, kind.named ? 'span_location' : 'span_desc', udts),
    nameKeyOffset: kind.named ? referenceKeyOffset(udt, 'name', udts) : -1,
    spanIdOffset: intrinsicOffset(udt, 'span_id', 'u64'),
    parentSpanIdOffset: intrinsicOffset(udt, 'parent_span_id', 'u64'),
    depthOffset: intrinsicOffset(udt, 'depth', 'u32'),
    timeOffset: intrinsicOffset(udt, 'time', 'i64'),
  };
}
