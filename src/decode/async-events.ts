// Reads the async span events of one block's object buffer into columns, resolving each event's
// span description (SpanRecord or SpanLocationRecord, and the name string of named events) in the
// block's dependencies, once per distinct description. Other objects are counted, not decoded.
// Semantics follow micromegas `rust/analytics/src/async_block_processing.rs`. No DOM, no Node APIs.
import { copyInt64, readU64Key } from '../base/int64';
import { compileAsyncPlan, type AsyncEventPlan } from './async-plan';
import { PayloadError } from './errors';
import { EventColumnsBuilder, type AsyncEventColumns, type Scope } from './event-columns';
import type { Udt } from './metadata';
import { readObjectHeader, type DepKey, type Dependencies, type TransitValue } from './transit';
import { scopeHash } from './scope-hash';

export interface ObjectCounts {
  /** Objects per UDT name, async events included. */
  byType: Record<string, number>;
  /** Dynamic-size objects (no known reader) that were skipped. */
  skippedDynamic: number;
}

export interface BlockEvents {
  events: AsyncEventColumns;
  scopes: Scope[];
  counts: ObjectCounts;
}

type PlanSlot = AsyncEventPlan | null | Error;

/** Compiles each UDT's plan on first use, so a bad UDT only fails blocks that contain it. */
class PlanTable {
  private readonly slots: (PlanSlot | undefined)[];
  constructor(private readonly udts: Udt[]) {
    this.slots = new Array(udts.length);
  }
  get(index: number): PlanSlot {
    let slot = this.slots[index];
    if (slot === undefined) {
      try {
        slot = compileAsyncPlan(this.udts[index], this.udts);
      } catch (error) {
        slot = error as Error;
      }
      this.slots[index] = slot;
    }
    return slot;
  }
}

function text(obj: TransitValue, name: string): string {
  const value = typeof obj === 'object' ? obj.members.get(name) : undefined;
  if (typeof value !== 'string')
    throw new Error(`expected text member '${name}', got ${typeof value}`);
  return value;
}

function lineOf(obj: TransitValue): number {
  const value = typeof obj === 'object' ? obj.members.get('line') : undefined;
  if (typeof value !== 'number') throw new Error(`expected u32 member 'line', got ${typeof value}`);
  return value;
}

/** Maps description keys to indices into the block's scope table. */
class ScopeTable {
  readonly scopes: Scope[] = [];
  private readonly byDesc = new Map<DepKey, number>();
  private readonly byNamed = new Map<DepKey, Map<DepKey, number>>();

  constructor(private readonly deps: Dependencies) {}

  unnamed(descKey: DepKey): number {
    let index = this.byDesc.get(descKey);
    if (index === undefined) {
      const desc = this.lookup(descKey, 'span_desc');
      index = this.add(text(desc, 'name'), desc);
      this.byDesc.set(descKey, index);
    }
    return index;
  }

  named(locationKey: DepKey, nameKey: DepKey): number {
    let byName = this.byNamed.get(locationKey);
    if (!byName) this.byNamed.set(locationKey, (byName = new Map()));
    let index = byName.get(nameKey);
    if (index === undefined) {
      const location = this.lookup(locationKey, 'span_location');
      const name = this.lookup(nameKey, 'name');
      if (typeof name !== 'string') throw new Error(`expected text for 'name', got ${typeof name}`);
      index = this.add(name, location);
      byName.set(nameKey, index);
    }
    return index;
  }

  private lookup(key: DepKey, member: string): TransitValue {
    const value = this.deps.get(key);
    if (value === undefined)
      throw new Error(`expected dependency ${key} for member '${member}', got none`);
    return value;
  }

  private add(name: string, location: TransitValue): number {
    const filename = text(location, 'file');
    const target = text(location, 'target');
    const line = lineOf(location);
    this.scopes.push({
      name,
      filename,
      target,
      line,
      hash: scopeHash(name, filename, target, line),
    });
    return this.scopes.length - 1;
  }
}

function readEvent(
  view: DataView,
  start: number,
  plan: AsyncEventPlan,
  scopes: ScopeTable,
  out: EventColumnsBuilder,
): void {
  const descKey = readU64Key(view, start + plan.descKeyOffset);
  const scope = plan.named
    ? scopes.named(descKey, readU64Key(view, start + plan.nameKeyOffset))
    : scopes.unnamed(descKey);
  const i = out.push();
  out.eventType[i] = plan.eventType;
  out.scope[i] = scope;
  out.depth[i] = view.getUint32(start + plan.depthOffset, true);
  copyInt64(view, start + plan.spanIdOffset, out.spanId, i);
  copyInt64(view, start + plan.parentSpanIdOffset, out.parentSpanId, i);
  copyInt64(view, start + plan.timeOffset, out.ticks, i);
}

/** Reads all async span events of an object buffer. Throws PayloadError. */
export function readAsyncEvents(bytes: Uint8Array, udts: Udt[], deps: Dependencies): BlockEvents {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const plans = new PlanTable(udts);
  const scopes = new ScopeTable(deps);
  const out = new EventColumnsBuilder(bytes.byteLength >> 6);
  const perType = new Uint32Array(udts.length);
  let skippedDynamic = 0;
  let offset = 0;
  while (offset < view.byteLength) {
    const h = readObjectHeader(view, offset, udts, 'objects');
    perType[h.udtIndex]++;
    const plan = plans.get(h.udtIndex);
    if (plan instanceof Error)
      throw new PayloadError('objects', h.start, `${udts[h.udtIndex].name}: ${plan.message}`);
    if (plan !== null) {
      try {
        readEvent(view, h.start, plan, scopes, out);
      } catch (error) {
        throw new PayloadError(
          'objects',
          h.start,
          `${udts[h.udtIndex].name}: ${(error as Error).message}`,
        );
      }
    } else if (h.isDynamic) skippedDynamic++;
    offset = h.start + h.size;
  }
  const byType: Record<string, number> = {};
  perType.forEach((n, i) => {
    if (n > 0) byType[udts[i].name] = (byType[udts[i].name] ?? 0) + n;
  });
  return { events: out.finish(), scopes: scopes.scopes, counts: { byType, skippedDynamic } };
}
