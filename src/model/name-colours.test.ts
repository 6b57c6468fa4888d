import { describe, expect, test } from 'vitest';
import { nameSlots, nameSlotsSteps } from './name-colours';
import { spanParents } from './span-parents';
import type { SpanTable } from './span-table';
import { loadSpanTable, makeSpanTable } from './testing';

/** Every (span, parent) pair of different names whose slots are equal. */
function sameSlotNesting(table: SpanTable, slots: Uint8Array): string[] {
  const parent = spanParents(table);
  const clashes: string[] = [];
  for (let i = 0; i < table.length; i++) {
    if (parent[i] < 0) continue;
    const [a, b] = [table.nameIndex[i], table.nameIndex[parent[i]]];
    if (a !== b && slots[a] === slots[b]) clashes.push(`${table.names[b]} → ${table.names[a]}`);
  }
  return clashes;
}

describe('nameSlots', () => {
  test.each(['small', 'mixed', 'medium'])(
    '%s: names take distinct slots up to the palette size; a parent and child never share',
    (fixture) => {
      const table = loadSpanTable(fixture);
      const paletteSize = 20;
      const slots = nameSlots(table, paletteSize);
      const used = new Set(table.nameIndex);
      const distinct = new Set([...used].map((n) => slots[n]));
      expect(distinct.size).toBe(Math.min(used.size, paletteSize));
      expect(sameSlotNesting(table, slots)).toEqual([]);
    },
  );

  test('more names than slots: nesting still differs, early names still distinct', () => {
    // a chain 30 deep, each level another name, plus 30 unrelated roots
    const specs = [];
    for (let k = 0; k < 30; k++)
      specs.push({ spanId: k + 1, parentSpanId: k, beginNs: k, endNs: 100 - k, name: `n${k}` });
    for (let k = 0; k < 30; k++)
      specs.push({ spanId: 100 + k, parentSpanId: 0, beginNs: 200 + k, endNs: 300, name: `r${k}` });
    const table = makeSpanTable(specs);
    const slots = nameSlots(table, 12);
    expect(sameSlotNesting(table, slots)).toEqual([]);
    const first12 = ['n0', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7', 'n8', 'n9', 'n10', 'n11'];
    expect(new Set(first12.map((n) => slots[table.names.indexOf(n)])).size).toBe(12);
    expect(Math.max(...slots)).toBeLessThan(12);
  });

  test('in steps (medium: 99,265 spans): the same slots as at once', () => {
    const table = loadSpanTable('medium');
    const steps = nameSlotsSteps(table, 20);
    let pauses = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) pauses++;
    expect(pauses).toBeGreaterThan(2); // a pass over 99,265 spans pauses every 2^15
    expect(Array.from(step.value)).toEqual(Array.from(nameSlots(table, 20)));
  });
});
