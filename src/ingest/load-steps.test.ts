// A process's spans are replaced when a load step brings it new events, and wait packed between
// steps (packed-spans.ts). Loading a capture in steps (files A, then B bringing more events of the
// same process: ends of spans A began, earlier begins, new spans) must give exactly what loading
// A + B at once gives: the sink's final weft_spans rows, row for row, and the columns the span
// table is built from.
import { Table, tableFromIPC } from 'apache-arrow';
import { describe, expect, test } from 'vitest';
import { fixtureFiles } from '../db/testing';
import { expectedSummary } from '../decode/testing';
import { bytesSource, inlinePort, type IngestSink } from './ports';
import { Scheduler } from './scheduler';
import { differingColumns } from './testing';

/** A sink keeping each process's current weft_spans rows (a replace starts them again). */
function spanSink() {
  const spans = new Map<number, Table[]>();
  const add = (ipc: Uint8Array, replace: boolean) => {
    const table = tableFromIPC(ipc);
    const key = Number(table.getChild('process_key')!.get(0));
    if (replace) spans.set(key, [table]);
    else if (table.numRows > 0) spans.get(key)!.push(table);
  };
  const sink: IngestSink = {
    insert: async (table, ipc) => void (table === 'weft_spans' && add(ipc, false)),
    replaceSpans: async (_key, ipc) => add(ipc, true),
    setTimeConverter: async () => {},
    finish: async () => {},
  };
  return { sink, spans };
}

/** Every process's rows, column by column, as bytes. */
function rowBytes(spans: Map<number, Table[]>): Record<string, Buffer[]> {
  const out: Record<string, Buffer[]> = {};
  for (const [key, tables] of [...spans].sort(([a], [b]) => a - b)) {
    const table = new Table(tables.flatMap((t) => t.batches));
    for (const field of table.schema.fields) {
      const values = table.getChild(field.name)!.toArray() as ArrayBufferView;
      (out[`${key} ${field.name}`] ??= []).push(
        Buffer.from(values.buffer, values.byteOffset, values.byteLength),
      );
    }
  }
  return out;
}

type Files = [string, Uint8Array][];

/** Loads `steps` one after the other into one scheduler. */
async function load(steps: Files[], processId: string) {
  const { sink, spans } = spanSink();
  let seed = 5;
  const delay = () => ((seed = (seed * 16807) % 2147483647) % 3) / 2;
  const scheduler = new Scheduler([inlinePort(delay), inlinePort(delay)], sink, () => {});
  for (const files of steps) await scheduler.add(files.map(([p, b]) => bytesSource(p, b)));
  const columns = scheduler.processSpans(processId).spans;
  scheduler.terminate();
  return { rows: rowBytes(spans), columns };
}

const isMetadata = ([path]: [string, Uint8Array]) => !path.startsWith('blocks/');

/** The capture's files as steps: metadata and a first part of the blocks, then the others. */
function splits(files: Files): [string, Files[]][] {
  const meta = files.filter(isMetadata);
  const blocks = files.filter((f) => !isMetadata(f));
  const third = Math.ceil(blocks.length / 3);
  const odd = (_: unknown, i: number) => i % 2 === 1;
  return [
    ['halves', [[...meta, ...blocks.slice(0, 2 * third)], blocks.slice(2 * third)]],
    ['alternate blocks', [[...meta, ...blocks.filter((f, i) => !odd(f, i))], blocks.filter(odd)]],
    [
      'three steps',
      [
        [...meta, ...blocks.slice(0, third)],
        blocks.slice(third, 2 * third),
        blocks.slice(2 * third),
      ],
    ],
  ];
}

describe('a process loaded in steps equals the process loaded at once', () => {
  test.each(['unclosed', 'medium'])(
    '%s',
    async (name) => {
      const { process_id: processId, distinct_span_ids: spans } = expectedSummary(name);
      for (const [how, steps] of splits(fixtureFiles(name))) {
        expect(steps.every((step) => step.length > 0)).toBe(true);
        const once = await load([steps.flat()], processId);
        expect(once.columns.length).toBe(spans);
        const stepwise = await load(steps, processId);
        expect({ how, differing: differingColumns(stepwise.columns, once.columns) }).toEqual({
          how,
          differing: [],
        });
        const keys = Object.keys(once.rows);
        expect(Object.keys(stepwise.rows)).toEqual(keys);
        for (const key of keys) {
          const equal = Buffer.concat(stepwise.rows[key]).equals(Buffer.concat(once.rows[key]));
          expect({ how, key, equal }).toEqual({ how, key, equal: true });
        }
      }
    },
    120_000,
  );
});
