import { describe, expect, test } from 'vitest';
import { groupLinks } from './lane-groups';
import { GroupRows, groupViewSteps } from './group-rows';
import { layoutLanes } from './lanes';
import { randomSpanTable } from './testing';
import { runAtOnce } from '../base/time-slices';

describe('GroupRows', () => {
  test('the memo builds nothing while nothing collapses, and follows the flipped ids', () => {
    const table = randomSpanTable(8, 200);
    const layout = layoutLanes(table);
    const groups = new GroupRows();
    const none = groups.of(layout, table, { all: false, flipped: new Set() });
    expect(none.link).toBeNull();
    expect(none.rows).toBe(layout);
    const link = groupLinks(layout, table);
    const root = link.findIndex((v, i) => v < -1 && i >= 0);
    const flipped = new Set([table.spanId[root]]);
    const one = groups.of(layout, table, { all: false, flipped });
    expect(one.collapsed?.[root]).toBe(1);
    expect(groups.of(layout, table, { all: false, flipped })).toBe(one);
    const allButOne = groups.of(layout, table, { all: true, flipped });
    expect(allButOne.collapsed?.[root]).toBe(0);
    expect(allButOne.collapsed?.filter((v: number) => v).length).toBe(
      link.filter((v: number) => v < -1).length - 1,
    );
  });

  test('a large layout is built in slices: the last view meanwhile, the newest state once ready', async () => {
    const table = randomSpanTable(9, 400);
    const layout = layoutLanes(table);
    const groups = new GroupRows(0); // every layout counts as large
    const link = groupLinks(layout, table);
    const roots = [...link.keys()].filter((i) => link[i] < -1);
    const first = { all: false, flipped: new Set([table.spanId[roots[0]]]) };
    const second = { all: true, flipped: new Set<bigint>() };
    let ready = 0;
    let done: () => void = () => {};
    const onReady = () => {
      ready++;
      done();
    };
    const whenReady = new Promise<void>((resolve) => (done = resolve));
    const meanwhile = groups.of(layout, table, first, onReady);
    expect(meanwhile.rows).toBe(layout); // nothing built yet: the expanded rows
    expect(meanwhile.collapsed).toBeNull();
    expect(groups.of(layout, table, second, onReady).rows).toBe(layout); // replaces the job
    await whenReady;
    expect(ready).toBe(1); // the first job was aborted
    const view = groups.of(layout, table, second, onReady);
    expect(view).toEqual(runAtOnce(groupViewSteps(layout, table, second)));
    expect(view.collapsed?.filter((v) => v).length).toBe(roots.length);
    // another state: the last view stays on screen until its own is in
    expect(groups.of(layout, table, first, onReady)).toBe(view);
  });
});
