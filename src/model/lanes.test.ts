import { describe, expect, test } from 'vitest';
import { layoutLanes, type LaneLayout } from './lanes';
import { rowsInWindow } from './row-window';
import { breakCycles, parentIndices } from './span-parents';
import { isMigrated, type SpanTable } from './span-table';
import { loadSpanTable, makeSpanTable, randomSpanTable, seededRandom } from './testing';

/** Checks every invariant of a layout; returns the number of placed spans. */
function checkLayout(table: SpanTable, layout: LaneLayout, include: Uint8Array | null = null) {
  const { row, rowCount, rowStart, rowSpans } = layout;
  const seen = new Uint8Array(table.length);
  for (let r = 0; r < rowCount; r++) {
    for (let k = rowStart[r]; k < rowStart[r + 1]; k++) {
      const i = rowSpans[k];
      expect(row[i]).toBe(r);
      expect(seen[i]).toBe(0);
      seen[i] = 1;
      if (k > rowStart[r]) {
        const prev = rowSpans[k - 1];
        // closed intervals: the previous span must end strictly before this one begins
        if (!(table.endNs[prev] < table.beginNs[i])) {
          throw new Error(
            `row ${r}: span ${prev} [${table.beginNs[prev]}, ${table.endNs[prev]}] overlaps ${i} [${table.beginNs[i]}, ${table.endNs[i]}]`,
          );
        }
      }
    }
  }
  const expected = parentIndices(table, include);
  let placed = 0;
  for (let i = 0; i < table.length; i++) {
    const included = !include || include[i] === 1;
    expect(seen[i]).toBe(included ? 1 : 0);
    if (!included) continue;
    placed++;
    expect(layout.parent[i]).toBe(expected[i]);
    if (expected[i] >= 0 && !(row[i] > row[expected[i]])) {
      throw new Error(
        `span ${i} (row ${row[i]}) is not below its parent ${expected[i]} (row ${row[expected[i]]})`,
      );
    }
  }
  expect(rowStart[rowCount]).toBe(placed);
  return placed;
}

describe('layoutLanes', () => {
  test('overlapping siblings get separate rows, children go below their parent', () => {
    const table = makeSpanTable([
      { spanId: 1, parentSpanId: 0, beginNs: 0, endNs: 100 },
      { spanId: 2, parentSpanId: 1, beginNs: 10, endNs: 50 },
      { spanId: 3, parentSpanId: 1, beginNs: 20, endNs: 60 },
      { spanId: 4, parentSpanId: 2, beginNs: 12, endNs: 14 },
      { spanId: 5, parentSpanId: 0, beginNs: 200, endNs: 300 },
    ]);
    const layout = layoutLanes(table);
    checkLayout(table, layout);
    // rows by table index (sorted by begin): 1→0, 2→1, 4→2 (child of 2), 3→3 (block of 2 is 2 rows)
    expect(Array.from(layout.row)).toEqual([0, 1, 2, 3, 0]);
    expect(layout.rowCount).toBe(4);
  });

  test('touching spans and equal zero-length spans never share a row', () => {
    const table = makeSpanTable([
      { spanId: 1, parentSpanId: 0, beginNs: 0, endNs: 10 },
      { spanId: 2, parentSpanId: 0, beginNs: 10, endNs: 20 },
      { spanId: 3, parentSpanId: 0, beginNs: 30, endNs: 30 },
      { spanId: 4, parentSpanId: 0, beginNs: 30, endNs: 30 },
      { spanId: 5, parentSpanId: 0, beginNs: 31, endNs: 31 },
    ]);
    const layout = layoutLanes(table);
    checkLayout(table, layout);
    expect(Array.from(layout.row)).toEqual([0, 1, 0, 1, 0]);
  });

  test('a child that begins before its parent (orphan end) is still placed below it', () => {
    const table = makeSpanTable([
      { spanId: 1, parentSpanId: 0, beginNs: 50, endNs: 100 },
      { spanId: 2, parentSpanId: 1, beginNs: 0, endNs: 80, state: 2 },
      { spanId: 3, parentSpanId: 0, beginNs: 0, endNs: 40 },
    ]);
    const layout = layoutLanes(table);
    checkLayout(table, layout);
    expect(layout.row[table.spanId.indexOf(2n)]).toBeGreaterThan(
      layout.row[table.spanId.indexOf(1n)],
    );
  });

  test('an only child sits right below its parent; its block widens the family', () => {
    const table = makeSpanTable([
      { spanId: 1, parentSpanId: 0, beginNs: 50, endNs: 100 },
      { spanId: 2, parentSpanId: 1, beginNs: 0, endNs: 80, state: 2 },
      { spanId: 4, parentSpanId: 2, beginNs: 60, endNs: 120 },
      { spanId: 3, parentSpanId: 0, beginNs: 10, endNs: 20 },
      { spanId: 5, parentSpanId: 0, beginNs: 130, endNs: 140 },
    ]);
    const layout = layoutLanes(table);
    checkLayout(table, layout);
    const rowOf = (id: number) => layout.row[table.spanId.indexOf(BigInt(id))];
    // 3 takes row 0 first (roots in begin order); the family of 1 spans [0, 120] (its child
    // begins before it, its grandchild ends after it), so it goes below 3, one row per generation;
    // 5 begins after that whole family ends: back on row 0
    expect([1, 2, 4, 3, 5].map(rowOf)).toEqual([1, 2, 3, 0, 0]);
  });

  test('cycles and self parents in bad data become roots instead of hanging', () => {
    const table = makeSpanTable([
      { spanId: 1, parentSpanId: 3, beginNs: 0, endNs: 10 },
      { spanId: 2, parentSpanId: 1, beginNs: 1, endNs: 9 },
      { spanId: 3, parentSpanId: 2, beginNs: 2, endNs: 8 },
      { spanId: 4, parentSpanId: 4, beginNs: 3, endNs: 7 },
    ]);
    const layout = layoutLanes(table);
    expect(checkLayout(table, layout)).toBe(4);
    const parent = Int32Array.from([1, 2, 0]);
    breakCycles(parent);
    expect(Array.from(parent).filter((p) => p < 0)).toHaveLength(1);
  });

  test('random tables (seeded): no overlap in a row, children below parents, each span once', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const wild = seed % 2 === 0;
      const table = randomSpanTable(seed, 50 + seed * 20, wild);
      expect(checkLayout(table, layoutLanes(table))).toBe(table.length);
      const include = Uint8Array.from({ length: table.length }, (_, i) => (i % 3 === 0 ? 1 : 0));
      checkLayout(table, layoutLanes(table, include), include);
    }
  });

  test('a table not sorted by begin is laid out all the same', () => {
    const table = randomSpanTable(99, 300, true);
    const perm = Array.from({ length: table.length }, (_, i) => i).reverse();
    const shuffled: SpanTable = {
      ...table,
      spanId: BigInt64Array.from(perm, (i) => table.spanId[i]),
      parentSpanId: BigInt64Array.from(perm, (i) => table.parentSpanId[i]),
      beginNs: Float64Array.from(perm, (i) => table.beginNs[i]),
      endNs: Float64Array.from(perm, (i) => table.endNs[i]),
    };
    checkLayout(shuffled, layoutLanes(shuffled));
  });

  test('empty table', () => {
    const layout = layoutLanes(makeSpanTable([]));
    expect(layout.rowCount).toBe(0);
    expect(layout.rowSpans).toHaveLength(0);
  });

  for (const name of ['small', 'unclosed', 'mixed', 'medium']) {
    test(`real capture ${name}: every span placed once, no overlap, children below parents`, () => {
      const table = loadSpanTable(name);
      const layout = layoutLanes(table);
      expect(checkLayout(table, layout)).toBe(table.length);
      const migrated = Uint8Array.from({ length: table.length }, (_, i) =>
        isMigrated(table, i) ? 1 : 0,
      );
      const placed = checkLayout(table, layoutLanes(table, migrated), migrated);
      expect(placed).toBe(migrated.reduce((a, b) => a + b, 0));
    });
  }
});

/**
 * Checks the rows shown for a window: exactly the layout rows holding a span that overlaps it,
 * in layout order, so each span in the window is on screen once, on its own layout row (no
 * overlap within a row), below its parent when both are in the window.
 */
function checkWindow(table: SpanTable, layout: LaneLayout, startNs: number, endNs: number) {
  const shown = rowsInWindow(layout, table.beginNs, table.endNs, startNs, endNs);
  const inWindow = (i: number) => table.beginNs[i] <= endNs && table.endNs[i] >= startNs;
  const rowsWithSpans = new Set<number>();
  for (let i = 0; i < table.length; i++) if (inWindow(i)) rowsWithSpans.add(layout.row[i]);
  expect(Array.from(shown.layoutRow)).toEqual([...rowsWithSpans].sort((a, b) => a - b));
  for (let r = 0; r < layout.rowCount; r++) {
    const at = shown.shownRow[r];
    expect(at >= 0 ? shown.layoutRow[at] : -1).toBe(rowsWithSpans.has(r) ? r : -1);
  }
  const parent = parentIndices(table);
  let drawn = 0;
  for (let i = 0; i < table.length; i++) {
    if (!inWindow(i)) continue;
    drawn++;
    const p = parent[i];
    if (p >= 0 && inWindow(p)) {
      expect(shown.shownRow[layout.row[i]]).toBeGreaterThan(shown.shownRow[layout.row[p]]);
    }
  }
  // each span in the window sits in exactly one shown row
  let placed = 0;
  for (const r of shown.layoutRow)
    for (let k = layout.rowStart[r]; k < layout.rowStart[r + 1]; k++)
      placed += inWindow(layout.rowSpans[k]) ? 1 : 0;
  expect(placed).toBe(drawn);
  return shown;
}

describe('rows that fit the window', () => {
  test('random tables and windows: only rows with spans in the window, in order, each span once', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const table = randomSpanTable(seed, 100 + seed * 15, seed % 2 === 0);
      const layout = layoutLanes(table);
      const random = seededRandom(seed);
      const first = table.captureBeginNs;
      const span = Math.max(1, table.captureEndNs - first);
      for (let w = 0; w < 8; w++) {
        const startNs = first + random() * span;
        const endNs = startNs + random() * random() * span;
        const shown = checkWindow(table, layout, startNs, endNs);
        // deterministic: the same window gives the same rows
        expect(rowsInWindow(layout, table.beginNs, table.endNs, startNs, endNs)).toEqual(shown);
      }
      // the whole capture shows every row
      const all = checkWindow(table, layout, first, table.captureEndNs);
      expect(all.layoutRow.length).toBe(layout.rowCount);
    }
  });

  test('a window between spans shows no row; closed ends count as inside', () => {
    const table = makeSpanTable([
      { spanId: 1, parentSpanId: 0, beginNs: 0, endNs: 10 },
      { spanId: 2, parentSpanId: 1, beginNs: 2, endNs: 4 },
      { spanId: 3, parentSpanId: 1, beginNs: 3, endNs: 8 },
      { spanId: 4, parentSpanId: 0, beginNs: 20, endNs: 30 },
    ]);
    const layout = layoutLanes(table);
    const rows = (a: number, b: number) =>
      Array.from(rowsInWindow(layout, table.beginNs, table.endNs, a, b).layoutRow);
    expect(rows(11, 19)).toEqual([]);
    expect(rows(5, 9)).toEqual([0, 2]); // span 2 (row 1) ended at 4; span 3 is on row 2
    expect(rows(4, 4)).toEqual([0, 1, 2]);
    expect(rows(30, 40)).toEqual([0]);
  });

  test('the real medium capture, zoomed: no empty row on screen', () => {
    const table = loadSpanTable('medium');
    const layout = layoutLanes(table);
    const random = seededRandom(7);
    for (let w = 0; w < 5; w++) {
      const startNs = table.captureBeginNs + random() * (table.captureEndNs - table.captureBeginNs);
      checkWindow(table, layout, startNs, startNs + 300_000);
    }
  });
});
