// Block timings and the time converter (issue 12 item 4): one block with an end_time in 2100 or
// a year late no longer decides every timestamp; it is named and excluded, everything is timed.
import { decode, encode } from 'cbor-x';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseTiming, TOLERANCE_NS, TOLERANCE_RATIO, type BlockTiming } from './block-timing';
import { Capture } from './capture';
import { captureCsvLines } from './csv';
import { readEnvelope, type ProcessInfo } from './envelope';
import { makeTimeConverter } from './time-converter';
import { expectedCsvLines, expectedSummary, FIXTURES, readCborFiles } from './testing';

const files = readCborFiles(join(FIXTURES, 'small'));
const blocks = files
  .filter(([name]) => name.startsWith('blocks/'))
  .map(([name, bytes]) => ({ name, block: decode(bytes) as Record<string, any> }))
  .sort((a, b) => (a.block.end_time < b.block.end_time ? -1 : 1));
const latest = blocks[blocks.length - 1];
const process = (readEnvelope(files.find(([n]) => n === 'process.cbor')![1], 'p') as any)
  .process as ProcessInfo;

function loadWithEndTime(victim: (typeof blocks)[number], endTime: string): Capture {
  const capture = new Capture();
  for (const [name, bytes] of files) {
    const edited = name === victim.name ? encode({ ...victim.block, end_time: endTime }) : bytes;
    capture.add(new Uint8Array(edited), name);
  }
  return capture;
}

describe('a block whose timing disagrees with the others is excluded and named', () => {
  it.each([
    ['2100-01-01T00:00:00Z', 'in 2100'],
    ['2027-11-27T00:30:20.931540290+00:00', 'a year late'],
    ['2026-11-27T00:30:20.971540290+00:00', '40 ms late in a 9 ms capture'],
  ])('end_time %s (%s): every row exact, the block rejected', (endTime) => {
    const victim = blocks[3]; // not the latest: the converter stays the oracle's
    const capture = loadWithEndTime(victim, endTime);
    expect(captureCsvLines(capture)).toEqual(expectedCsvLines('small'));
    expect(capture.converter(process.processId)!.frequency).toBe(
      expectedSummary('small').time_conversion.frequency,
    );
    expect(capture.timingRejections()).toEqual([
      expect.objectContaining({
        kind: 'inconsistent-timing',
        fileName: victim.name,
        blockId: victim.block.block_id,
      }),
    ]);
    expect(capture.timingRejections()[0].reason).toMatch(/^timing inconsistent with the process/);
  });

  it('when the latest block is the bad one, the latest of the others times everything', () => {
    const capture = loadWithEndTime(latest, '2100-01-01T00:00:00Z');
    const secondLatest = blocks[blocks.length - 2].block;
    const endTicks = BigInt(secondLatest.end_ticks);
    const expected = makeTimeConverter(process, { endTicks, endTimeNs: timeNs(secondLatest) });
    expect(capture.converter(process.processId)).toEqual(expected);
    expect(captureCsvLines(capture)).toHaveLength(expectedCsvLines('small').length);
    expect(capture.timingRejections().map((r) => r.blockId)).toEqual([latest.block.block_id]);
  });

  it('an end_time before the process started is impossible', () => {
    const capture = loadWithEndTime(blocks[0], '2020-01-01T00:00:00Z');
    expect(capture.timingRejections()[0].reason).toBe(
      'impossible timing: end_time is not after the process start_time',
    );
    expect(captureCsvLines(capture)).toEqual(expectedCsvLines('small'));
  });

  it('an impossible date is refused when the block is read', () => {
    const capture = loadWithEndTime(blocks[0], '2026-13-45T99:99:99Z');
    expect(capture.rejected[0].reason).toBe("block: expected RFC 3339 time 'end_time', got string");
  });
});

function timeNs(block: Record<string, any>): bigint {
  const envelope = readEnvelope(encode(block), 'b');
  return envelope.kind === 'block' ? envelope.block.endTimeNs : 0n;
}

describe('the consistency rule, precisely', () => {
  const startNs = process.startTimeNs;
  const hz = 1e9; // 1 tick per ns
  const at = (id: string, elapsedNs: number, offNs = 0): BlockTiming => ({
    processId: process.processId,
    blockId: id,
    fileName: id,
    beginTicks: 0n,
    beginTimeNs: startNs,
    endTicks: BigInt(elapsedNs * (hz / 1e9)),
    endTimeNs: startNs + BigInt(elapsedNs + offNs),
  });
  const kept = (timings: BlockTiming[]) => {
    const choice = chooseTiming(process, timings);
    return {
      latest: choice.latest?.blockId,
      excluded: choice.excluded.map((e) => e.timing.blockId),
    };
  };
  const good = [at('a', 1e9), at('b', 2e9), at('c', 3e9)];

  it(`allows max(${TOLERANCE_NS} ns, ${TOLERANCE_RATIO} × elapsed), no more`, () => {
    const allowedAt4s = TOLERANCE_RATIO * 4e9;
    expect(kept([...good, at('d', 4e9, allowedAt4s - 1)])).toEqual({ latest: 'd', excluded: [] });
    expect(kept([...good, at('d', 4e9, allowedAt4s + 1e3)])).toEqual({
      latest: 'c',
      excluded: ['d'],
    });
    expect(kept([...good, at('e', 1e6, -TOLERANCE_NS + 1)])).toMatchObject({ excluded: [] });
    expect(kept([...good, at('e', 1e6, TOLERANCE_NS + 1e3)])).toMatchObject({ excluded: ['e'] });
  });

  it('one block alone is its own reference; of two that disagree the higher frequency wins', () => {
    expect(kept([at('a', 1e9)])).toEqual({ latest: 'a', excluded: [] });
    expect(kept([at('a', 1e9), at('late', 2e9, 1e9)])).toEqual({ latest: 'a', excluded: ['late'] });
  });

  it('end before begin (ticks or time) is impossible', () => {
    const backwards = { ...at('x', 2e9), beginTicks: 3_000_000_000n };
    expect(chooseTiming(process, [...good, backwards]).excluded[0].reason).toBe(
      'impossible timing: end_ticks is before begin_ticks',
    );
  });
});
