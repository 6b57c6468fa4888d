// A picked path found again from its names opens the rows down to it (a path restored from the
// URL shows its row), on every capture's top-down and inverted trees.
import { describe, expect, test } from 'vitest';
import { CAPTURES } from '../../decode/testing';
import { callTreesOf } from '../../model/analysis';
import { nodePath } from '../../model/call-tree';
import { EMPTY_FILTER } from '../../model/span-filter';
import { loadSpanTable } from '../../model/testing';
import { firstLevels, nodeOfPath, openTo, visibleNodes } from './call-tree-rows';

describe.each(CAPTURES)('call tree rows on %s', (capture) => {
  test('every node is found by its path and shown once its ancestors open', () => {
    const table = loadSpanTable(capture);
    const trees = callTreesOf(table, EMPTY_FILTER, null);
    for (const tree of [trees.topDown, trees.inverted]) {
      const closed = firstLevels(tree, 1);
      let hidden = 0;
      for (let k = 1; k < tree.length; k++) {
        const path = nodePath(tree, table.names, k);
        expect(nodeOfPath(tree, table.names, path)).toBe(k);
        const shown = (open: Set<number>) => visibleNodes(tree, open).some((r) => r.node === k);
        if (!shown(closed)) hidden++;
        expect(shown(openTo(tree, closed, k))).toBe(true);
      }
      expect(hidden).toBeGreaterThan(0);
      expect(nodeOfPath(tree, table.names, ['no such name'])).toBe(-1);
      expect(nodeOfPath(tree, table.names, [])).toBe(-1);
    }
  });
});
