// The memory budget rule: the budget from the page address or the device, the memory needed for
// an estimate, the first part of a capture that fits; and the gate on real capture files: under
// budget they load untouched, over it the warning names the surveyed estimate and the user's
// choice gives all inputs, the part that fits (other inputs kept), or none.
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { FIXTURES, readCborFiles } from '../decode/testing';
import { estimateEvents, surveyInput, type EventEstimate } from '../ingest/survey';
import { createAppStore } from './app-state';
import type { LoadInput } from './backend';
import {
  BudgetGate,
  budgetBytes,
  BYTES_PER_EVENT,
  FIXED_BYTES,
  fittingPart,
  neededBytes,
  type BudgetChoice,
} from './load-budget';

describe('budget rule', () => {
  test('?budget=<MB> wins, else half the device memory, else 2 GiB', () => {
    expect(budgetBytes('http://h/?budget=300', 8)).toBe(300e6);
    expect(budgetBytes('http://h/?process=x', 8)).toBe(4 * 2 ** 30);
    expect(budgetBytes('http://h/?budget=nonsense', undefined)).toBe(2 * 2 ** 30);
  });

  test('needed memory: a fixed part and BYTES_PER_EVENT per event', () => {
    expect(neededBytes(1000)).toBe(FIXED_BYTES + 1000 * BYTES_PER_EVENT);
  });

  test('the part that fits: the first blocks by begin time, up to the next one', () => {
    const blocks = [10, 20, 30, 40].map((t, input) => ({
      input,
      beginNs: BigInt(t),
      endNs: BigInt(t + 5),
      events: 1000,
    }));
    const estimate: EventEstimate = { events: 4000, blocks };
    const part = fittingPart(estimate, neededBytes(2500))!;
    expect([...part.inputs]).toEqual([0, 1]);
    expect(part).toMatchObject({ events: 2000, beginNs: 10n, endNs: 30n });
    expect(fittingPart(estimate, neededBytes(999))).toBeNull(); // not even one block
    expect(fittingPart(estimate, neededBytes(4000))).toBeNull(); // everything fits
  });
});

const medium = (): LoadInput[] =>
  readCborFiles(join(FIXTURES, 'medium')).map(([path, bytes]) => ({ kind: 'bytes', bytes, path }));

async function gateWith(budget: number, choice: BudgetChoice | null) {
  const app = createAppStore();
  const gate = new BudgetGate(app, budget);
  const inputs = medium();
  const warnings: unknown[] = [];
  app.subscribe((s) => {
    if (!s.budgetWarning) return;
    warnings.push(s.budgetWarning);
    if (choice) gate.choose(choice);
  });
  return { inputs, warnings, chosen: await gate.check(inputs), app };
}

describe('BudgetGate on medium', () => {
  const inputs = medium();
  const bytesOf = (i: LoadInput) => (i.kind === 'bytes' ? i.bytes : new Uint8Array());
  const estimate = estimateEvents(inputs.map((i) => surveyInput(bytesOf(i), i.path)));
  const needed = neededBytes(estimate.events);
  const surveyOf = (i: LoadInput) => surveyInput(bytesOf(i), i.path);
  const kindOf = (i: LoadInput) => surveyOf(i).kind;
  const beginOf = (i: LoadInput) => {
    const s = surveyOf(i);
    return s.kind === 'block' ? s.beginNs : -1n;
  };
  /** The order a load takes inputs in: those that are not blocks, then blocks by begin time. */
  const loadOrder = (list: LoadInput[]) => [
    ...list.filter((i) => kindOf(i) !== 'block'),
    ...list
      .filter((i) => kindOf(i) === 'block')
      .map((input, index) => ({ input, index, beginNs: beginOf(input) }))
      .sort((a, b) => Number(a.beginNs - b.beginNs) || a.index - b.index)
      .map((b) => b.input),
  ];

  test('under budget: every input, no warning', async () => {
    const { inputs: all, warnings, chosen } = await gateWith(needed, null);
    expect(chosen).toEqual(loadOrder(all));
    expect(warnings).toEqual([]);
  });

  test('over budget: the warning names the estimate; load anyway gives every input', async () => {
    const { inputs: all, warnings, chosen, app } = await gateWith(needed - 1, 'anyway');
    expect(warnings).toEqual([
      expect.objectContaining({
        events: estimate.events,
        blocks: estimate.blocks.length,
        neededBytes: needed,
      }),
    ]);
    expect(chosen).toEqual(loadOrder(all));
    expect(app.getState().budgetWarning).toBeNull();
  });

  test('the part that fits: its blocks and every input that is not a span block', async () => {
    const budget = neededBytes(estimate.events / 2);
    const { inputs: all, chosen } = await gateWith(budget, 'fit');
    const part = fittingPart(estimate, budget)!;
    const spanBlocks = new Set(estimate.blocks.map((b) => b.input));
    const want = all.filter((_, i) => !spanBlocks.has(i) || part.inputs.has(i));
    expect(chosen).toEqual(loadOrder(want));
    expect(chosen!.length).toBeLessThan(all.length);
  });

  test('cancel loads nothing', async () => {
    expect((await gateWith(needed - 1, 'cancel')).chosen).toBeNull();
  });

  test('surveyed files come back as the bytes read, so the load reads them once', async () => {
    const files: LoadInput[] = inputs.map((i) => ({
      kind: 'file',
      file: new File([bytesOf(i).slice()], i.path),
      path: i.path,
    }));
    const gate = new BudgetGate(createAppStore(), needed);
    expect(await gate.check(files)).toEqual(loadOrder(inputs));
  });

  test('picked files load process and stream files first, whatever their order and names', async () => {
    // blocks first, without folders: nothing in a name says which file is a stream
    const blocksFirst = [...inputs].sort(
      (a, b) => Number(kindOf(b) === 'block') - Number(kindOf(a) === 'block'),
    );
    expect(kindOf(blocksFirst[0])).toBe('block');
    const files: LoadInput[] = blocksFirst.map((i, n) => ({
      kind: 'file',
      file: new File([bytesOf(i).slice()], `${n}.cbor`),
      path: `${n}.cbor`,
    }));
    const chosen = (await new BudgetGate(createAppStore(), needed).check(files))!;
    const kinds = chosen.map(kindOf);
    const firstBlock = kinds.indexOf('block');
    expect(firstBlock).toBe(inputs.filter((i) => kindOf(i) !== 'block').length);
    expect(kinds.slice(firstBlock).every((k) => k === 'block')).toBe(true);
    // the others in the order given, then the blocks by begin time
    const paths = chosen.map((i) => Number(i.path.replace('.cbor', '')));
    const others = paths.slice(0, firstBlock);
    expect(others).toEqual([...others].sort((a, b) => a - b));
    const begins = chosen.slice(firstBlock).map(beginOf);
    expect(begins).toEqual([...begins].sort((a, b) => Number(a - b)));
  });

  test('files are surveyed without asking their sizes, even when tiny', async () => {
    const files: LoadInput[] = inputs.map((i) => {
      const file = new File([bytesOf(i).slice()], i.path);
      Object.defineProperty(file, 'size', {
        get: () => {
          throw new Error('size asked'); // a synchronous round trip per file in Chromium
        },
      });
      return { kind: 'file', file, path: i.path };
    });
    const gate = new BudgetGate(createAppStore(), Number.MAX_SAFE_INTEGER);
    expect(await gate.check(files)).toEqual(loadOrder(inputs));
  });
});
