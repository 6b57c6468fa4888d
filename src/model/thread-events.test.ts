import { describe, expect, test } from 'vitest';
import { isMigrated, SPAN_OPEN, SPAN_ORPHAN_END } from './span-table';
import { loadSpanTable, randomSpanTable, seededRandom } from './testing';
import { maskedEvents, threadEvents } from './thread-events';

describe('threadEvents', () => {
  test('unclosed capture: one begin per seen begin, one end per seen end, on the right thread', () => {
    const table = loadSpanTable('unclosed');
    const { begins, ends } = threadEvents(table);
    const total = (lists: typeof begins) => lists.reduce((a, l) => a + l.spans.length, 0);
    let open = 0;
    let orphan = 0;
    for (let i = 0; i < table.length; i++) {
      if (table.state[i] === SPAN_OPEN) open++;
      if (table.state[i] === SPAN_ORPHAN_END) orphan++;
    }
    expect(open).toBe(75);
    expect(orphan).toBe(55);
    expect(total(begins)).toBe(337);
    expect(total(ends)).toBe(317);
    begins.forEach((list, t) => {
      for (let k = 0; k < list.spans.length; k++) {
        expect(table.beginThread[list.spans[k]]).toBe(t);
        expect(list.timesNs[k]).toBe(table.beginNs[list.spans[k]]);
        if (k > 0) expect(list.timesNs[k]).toBeGreaterThanOrEqual(list.timesNs[k - 1]);
      }
    });
    ends.forEach((list, t) => {
      for (let k = 0; k < list.spans.length; k++) expect(table.endThread[list.spans[k]]).toBe(t);
    });
    const migrated = Uint8Array.from({ length: table.length }, (_, i) =>
      isMigrated(table, i) ? 1 : 0,
    );
    expect(total(threadEvents(table, migrated).begins)).toBe(91);
  });
});

describe('maskedEvents', () => {
  test('equals threadEvents of the masked spans, on a capture and on random tables', () => {
    const tables = [loadSpanTable('unclosed'), ...[1, 2, 3].map((s) => randomSpanTable(s, 2000))];
    for (const [k, table] of tables.entries()) {
      const random = seededRandom(k + 10);
      const include = Uint8Array.from({ length: table.length }, () => (random() < 0.7 ? 1 : 0));
      const mask = Uint8Array.from({ length: table.length }, () => (random() < 0.3 ? 1 : 0));
      const both = mask.map((m, i) => m & include[i]);
      expect(maskedEvents(threadEvents(table, include), mask)).toEqual(threadEvents(table, both));
      expect(maskedEvents(threadEvents(table), mask)).toEqual(threadEvents(table, mask));
    }
  });
});
