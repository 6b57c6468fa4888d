// The viewer's merge state times events with the same rule as weft decode (decode/block-timing.ts):
// a block with an end_time in 2100 is kept out of the converter and reported once.
import { decode, encode } from 'cbor-x';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { Capture } from '../decode/capture';
import { readEnvelope, type ProcessInfo } from '../decode/envelope';
import { FIXTURES, readCborFiles } from '../decode/testing';
import { MergeState } from './merge';

it('excludes the same block as weft decode, gives the same converter, reports it once', () => {
  const files = readCborFiles(join(FIXTURES, 'small'));
  const [victimName, victimBytes] = files.find(([name]) => name.startsWith('blocks/'))!;
  const victim = decode(victimBytes) as Record<string, unknown>;
  const capture = new Capture();
  for (const [name, bytes] of files) {
    const edited =
      name === victimName ? encode({ ...victim, end_time: '2100-01-01T00:00:00Z' }) : bytes;
    capture.add(new Uint8Array(edited), name);
  }
  const processBytes = files.find(([n]) => n === 'process.cbor')![1];
  const { process } = readEnvelope(processBytes, 'process.cbor') as { process: ProcessInfo };
  const merge = new MergeState();
  merge.addProcess(process);
  for (const meta of capture.blocks.values()) merge.acceptBlock(meta, `file of ${meta.blockId}`);
  expect(merge.converter(process.processId)).toEqual(capture.converter(process.processId));
  expect(merge.newTimingRejections().map((r) => [r.kind, r.blockId, r.fileName])).toEqual([
    ['inconsistent-timing', victim.block_id, `file of ${victim.block_id}`],
  ]);
  expect(capture.timingRejections().map((r) => r.blockId)).toEqual([victim.block_id]);
  expect(merge.newTimingRejections()).toEqual([]);
});
