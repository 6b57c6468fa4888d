// Which palette slot each span name gets. Hashing names onto a dozen hues put 16 names on 9 hues
// and a whole nested chain (load_user → SELECT users → fetch_rows → roundtrip) on one. Instead,
// names take slots in order of first appearance (rows are sorted by begin time), round-robin, so
// the first `paletteSize` names all differ; and a name never takes the slot of a name it nests
// with (a parent's or a child's name) while another slot is free. The same slots in light and
// dark themes (the palettes differ, not the slots). The passes over the spans are steps
// (base/time-slices.ts: large's 1.76M spans took ~20 ms of the first view's task). Pure, on
// columns: no DOM.
import { runAtOnce, type Steps } from '../base/time-slices';
import { stepDue } from './search';
import { spanParents } from './span-parents';
import type { SpanTable } from './span-table';

/** Palette slots names take (src/ui/timeline/theme.ts has a colour for each). */
export const NAME_SLOTS = 20;

type NameColumns = Pick<SpanTable, 'length' | 'spanId' | 'parentSpanId' | 'nameIndex' | 'names'>;

/** Name indices in order of first appearance, then names no span uses. */
function* appearanceOrder(table: NameColumns): Steps<number[]> {
  const seen = new Uint8Array(table.names.length);
  const order: number[] = [];
  // stops once every name has appeared (often early: the rest would change nothing)
  for (let i = 0; i < table.length && order.length < seen.length; i++) {
    if (stepDue(i)) yield;
    const name = table.nameIndex[i];
    if (!seen[name]) order.push(name);
    seen[name] = 1;
  }
  for (let name = 0; name < table.names.length; name++) if (!seen[name]) order.push(name);
  return order;
}

/** Names up to which pairs already seen are kept in a bit matrix (2048² bits: 512 KB). */
const MATRIX_NAMES = 2048;

/** Remembers pairs of names: true the first time a pair (either way round) is seen. */
function pairSeen(names: number): (a: number, b: number) => boolean {
  if (names <= MATRIX_NAMES) {
    const bits = new Uint8Array(Math.ceil((names * names) / 8));
    return (a, b) => {
      const at = a < b ? a * names + b : b * names + a;
      if (bits[at >> 3] & (1 << (at & 7))) return false;
      bits[at >> 3] |= 1 << (at & 7);
      return true;
    };
  }
  const pairs = new Set<number>();
  return (a, b) => {
    const key = a < b ? a * names + b : b * names + a;
    if (pairs.has(key)) return false;
    pairs.add(key);
    return true;
  };
}

/**
 * For each name, the other names it nests with (parent or child name of one of its spans). A
 * pair is looked up in a bit matrix before its sets (1.76M spans on large, few distinct pairs).
 */
function* nestedNames(table: NameColumns): Steps<Set<number>[]> {
  const neighbours = table.names.map(() => new Set<number>());
  const parent = spanParents(table);
  const first = pairSeen(table.names.length);
  const { nameIndex } = table;
  let lastA = -1; // the pair of the span before (siblings in a row share it): no lookup
  let lastB = -1;
  for (let i = 0; i < table.length; i++) {
    if (stepDue(i)) yield;
    const p = parent[i];
    if (p < 0) continue;
    const a = nameIndex[i];
    const b = nameIndex[p];
    if (a === b || (a === lastA && b === lastB)) continue;
    lastA = a;
    lastB = b;
    if (!first(a, b)) continue;
    neighbours[a].add(b);
    neighbours[b].add(a);
  }
  return neighbours;
}

/** Palette slot (0 … paletteSize−1) per entry of `table.names`. */
export function nameSlots(table: NameColumns, paletteSize: number): Uint8Array {
  return runAtOnce(nameSlotsSteps(table, paletteSize));
}

/** nameSlots as steps (the timeline runs them across tasks when the table is big). */
export function* nameSlotsSteps(table: NameColumns, paletteSize: number): Steps<Uint8Array> {
  const slots = new Uint8Array(table.names.length);
  const assigned = new Uint8Array(table.names.length);
  const neighbours = yield* nestedNames(table);
  let cursor = 0;
  for (const name of yield* appearanceOrder(table)) {
    const taken = new Set<number>();
    for (const other of neighbours[name]) if (assigned[other]) taken.add(slots[other]);
    let slot = cursor;
    for (let k = 0; k < paletteSize; k++) {
      const candidate = (cursor + k) % paletteSize;
      if (!taken.has(candidate)) {
        slot = candidate;
        break;
      }
    }
    slots[name] = slot;
    assigned[name] = 1;
    cursor = (slot + 1) % paletteSize;
  }
  return slots;
}
