// The made-up process a spare view worker warms up on must take the paths a real one takes: every
// span complete, nested in its parent on its thread, on the threads it names, through the same
// build the worker runs (postViewBuild), with no error.
import { describe, expect, it } from 'vitest';
import { spanParents } from '../model/span-parents';
import { SPAN_COMPLETE } from '../model/span-table';
import { postViewBuild, type ViewMessage } from './view-build';
import { warmUpInput } from './view-warm';

describe('warmUpInput', () => {
  it('is a process of nested call stacks that builds without error', () => {
    const input = warmUpInput(5000);
    expect(warmUpInput(5000)).toEqual(input); // the same on every run
    const messages: ViewMessage[] = [];
    postViewBuild(input, (message) => messages.push(message));
    expect(messages.map((m) => m.kind)).toEqual(['first', 'events']);
    const { table } = (messages[0] as Extract<ViewMessage, { kind: 'first' }>).view;
    expect(table.length).toBe(5000);
    expect(table.threads).toHaveLength(input.cpuStreams.length);
    expect(table.state.every((s) => s === SPAN_COMPLETE)).toBe(true);
    const parent = spanParents(table);
    let nested = 0;
    const wrong: number[] = [];
    for (let i = 0; i < table.length; i++) {
      const p = parent[i];
      if (table.beginThread[i] < 0) wrong.push(i);
      if (p < 0) {
        if (table.depth[i] !== 0) wrong.push(i);
        continue;
      }
      nested++;
      const inside = table.beginNs[i] > table.beginNs[p] && table.endNs[i] < table.endNs[p];
      const sameThread = table.beginThread[i] === table.beginThread[p];
      if (!inside || !sameThread || table.depth[i] !== table.depth[p] + 1) wrong.push(i);
    }
    expect(wrong).toEqual([]);
    expect(nested).toBeGreaterThan(table.length / 2);
  });
});
