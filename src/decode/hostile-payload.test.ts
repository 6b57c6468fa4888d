// Hostile transit metadata (issue 12 item 2): nested UDTs cost at most MAX_UDT_DEPTH levels,
// MAX_MEMBERS_PER_OBJECT reads per object and one read per byte (+ MEMBER_ALLOWANCE) per block,
// shown by the work counter `membersRead`, never by a clock. The good blocks' rows stay exact.
import { decode, encode } from 'cbor-x';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileAsyncPlan } from './async-plan';
import { Capture } from './capture';
import { captureCsvLines } from './csv';
import { PayloadError } from './errors';
import { decodeLz4Frames } from './lz4-frame';
import type { Udt } from './metadata';
import { expectedCsvLinesWithout, FIXTURES, readCborFiles, storedLz4Frame } from './testing';
import {
  MAX_MEMBERS_PER_OBJECT,
  MAX_UDT_DEPTH,
  MEMBER_ALLOWANCE,
  readDependencies,
  type DependencyStats,
} from './transit';

const u8 = (name: string) => ({ name, typeName: 'u8', offset: 0, size: 1, isReference: false });

/** `levels` UDTs of size 1, each with `width` members typed as the next (the last: u8s). */
function nestedUdts(levels: number, width: number): Udt[] {
  return Array.from({ length: levels }, (_, level) => ({
    name: `L${level}`,
    size: 1,
    isReference: false,
    members: Array.from({ length: width }, (_, i) =>
      level === levels - 1 ? u8(`m${i}`) : { ...u8(`m${i}`), typeName: `L${level + 1}` },
    ),
  }));
}

function read(buffer: number[], udts: Udt[]): { error: PayloadError; stats: DependencyStats } {
  const stats = { skippedDynamic: 0, membersRead: 0 };
  try {
    readDependencies(new Uint8Array(buffer), udts, stats);
  } catch (error) {
    expect(error).toBeInstanceOf(PayloadError);
    return { error: error as PayloadError, stats };
  }
  throw new Error('expected a PayloadError');
}

describe('UDT nesting is bounded per object and per block', () => {
  it('6 levels × 20 members (64 M reads) stops after MAX_MEMBERS_PER_OBJECT reads', () => {
    const { error, stats } = read([0, 0], nestedUdts(6, 20));
    expect(error.reason).toBe(
      `L0: expected at most ${MAX_MEMBERS_PER_OBJECT} member reads per object, got more`,
    );
    expect(stats.membersRead).toBe(MAX_MEMBERS_PER_OBJECT + 1);
  });

  it(`nesting deeper than ${MAX_UDT_DEPTH} levels is refused`, () => {
    const { error, stats } = read([0, 0], nestedUdts(MAX_UDT_DEPTH + 2, 1));
    expect(error.reason).toMatch(`expected UDTs nested at most ${MAX_UDT_DEPTH} deep, got deeper`);
    expect(stats.membersRead).toBe(MAX_UDT_DEPTH + 1);
  });

  it('a block reads at most one member per byte plus the allowance', () => {
    // 200 reads of a 9-byte object are fine once, not 1,000 times.
    const [wide] = nestedUdts(1, 199);
    wide.size = 8;
    wide.members.push({ name: 'id', typeName: 'u64', offset: 0, size: 8, isReference: false });
    const buffer: number[] = [];
    for (let id = 0; id < 1000; id++) buffer.push(0, id & 0xff, id >> 8, 0, 0, 0, 0, 0, 0);
    const { error, stats } = read(buffer, [wide]);
    const limit = buffer.length + MEMBER_ALLOWANCE;
    expect(error.reason).toMatch(`expected at most ${limit} member reads in this block`);
    expect(stats.membersRead).toBe(limit + 1);
  });

  it('a reference UDT whose id is typed as itself fails its plan, not the stack', () => {
    const self: Udt = { name: 'Loop', size: 8, isReference: true, members: [] };
    self.members.push({ name: 'id', typeName: 'Loop', offset: 0, size: 8, isReference: false });
    const event: Udt = {
      name: 'BeginAsyncSpanEvent',
      size: 8,
      isReference: false,
      members: [{ name: 'span_desc', typeName: 'Loop', offset: 0, size: 8, isReference: false }],
    };
    expect(() => compileAsyncPlan(event, [event, self])).toThrow(
      `expected UDTs nested at most ${MAX_UDT_DEPTH} deep`,
    );
  });
});

describe('in a capture, the hostile block alone is rejected', () => {
  const files = readCborFiles(join(FIXTURES, 'small'));
  const [victimName, victimBytes] = files.find(([name]) => name.startsWith('blocks/'))!;
  const victim = decode(victimBytes) as Record<string, any>;
  const streamName = `streams/${victim.stream_id}.cbor`;
  const stream = decode(files.find(([n]) => n === streamName)![1]) as Record<string, any>;
  const toCbor = (u: Udt) => ({
    name: u.name,
    size: u.size,
    is_reference: u.isReference,
    members: u.members.map((m) => ({ ...m, type_name: m.typeName, is_reference: m.isReference })),
  });
  const levels = nestedUdts(6, 20).map(toCbor);
  const l0 = stream.dependencies_metadata.length;
  const hostileStream = encode({
    ...stream,
    dependencies_metadata: [...stream.dependencies_metadata, ...levels],
  });
  const deps = decodeLz4Frames(victim.payload.dependencies);
  const payload = {
    ...victim.payload,
    dependencies: storedLz4Frame(new Uint8Array([...deps, l0, 0])),
  };
  const hostileBlock = encode({ ...victim, payload });

  it('6 levels × 20 members in one block: a DecodeError, every other row exact', () => {
    const capture = new Capture();
    for (const [name, bytes] of files) {
      const replaced =
        name === streamName ? hostileStream : name === victimName ? hostileBlock : bytes;
      capture.add(new Uint8Array(replaced), name);
    }
    expect(capture.rejected).toEqual([
      expect.objectContaining({
        kind: 'corrupt-block',
        blockId: victim.block_id,
        lost: { blocks: 1, objects: victim.nb_objects },
      }),
    ]);
    expect(capture.rejected[0].reason).toMatch(/L0: expected at most 256 member reads per object/);
    expect(captureCsvLines(capture)).toEqual(expectedCsvLinesWithout('small', [victim.block_id]));
  });
});
