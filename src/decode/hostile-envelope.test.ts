// Hostile CBOR envelopes (issue 12 items 1, 10 and 11): each is refused with a named reason before
// cbor-x builds anything from it, and the rest of the capture still decodes. The tests build the
// hostile bytes by hand; the work done is shown by where the scan stopped, never by a clock.
import { decode, encode } from 'cbor-x';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Capture } from './capture';
import { MAX_DEPTH, scanCbor } from './cbor-scan';
import { readEnvelope } from './envelope';
import { DecodeError } from './errors';
import { FIXTURES, readCborFiles } from './testing';

const files = readCborFiles(join(FIXTURES, 'small'));
const blockFiles = files.filter(([name]) => name.startsWith('blocks/'));
const [victimName, victimBytes] = blockFiles[0];
const victim = decode(victimBytes) as Record<string, unknown>;
const [streamName, streamBytes] = files.find(([n]) => n === `streams/${victim.stream_id}.cbor`)!;
const stream = decode(streamBytes) as Record<string, unknown>;

/** A CBOR head: major type and argument (RFC 8949 §3). */
function head(major: number, n: number): number[] {
  const m = major << 5;
  if (n < 24) return [m | n];
  if (n < 0x100) return [m | 24, n];
  if (n < 0x10000) return [m | 25, n >> 8, n & 0xff];
  return [m | 26, n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
}
const cbor = (value: unknown) => [...encode(value)];

/** 10,000 copies of one UDT by value sharing, each holding 10,000 references to one member. */
function sharedReferenceStream(): Uint8Array {
  const member = { name: 'm', type_name: 'u8', offset: 0, size: 1, is_reference: false };
  const members = [...head(4, 10000), ...head(6, 28), ...cbor(member)];
  for (let i = 1; i < 10000; i++) members.push(...head(6, 29), ...head(0, 1));
  const udt = [...head(5, 4), ...cbor('name'), ...cbor('U'), ...cbor('size'), ...cbor(1)];
  udt.push(...cbor('is_reference'), ...cbor(false), ...cbor('members'), ...members);
  const udts = [...head(4, 10000), ...head(6, 28), ...udt];
  for (let i = 1; i < 10000; i++) udts.push(...head(6, 29), ...head(0, 0));
  const { objects_metadata: _, ...rest } = stream;
  const body = [...head(5, Object.keys(rest).length + 1)];
  for (const [key, value] of Object.entries(rest)) body.push(...cbor(key), ...cbor(value));
  body.push(...cbor('objects_metadata'), ...udts);
  return new Uint8Array(body);
}

function rejected(bytes: Uint8Array, fileName: string): DecodeError {
  try {
    readEnvelope(bytes, fileName);
  } catch (error) {
    expect(error).toBeInstanceOf(DecodeError);
    return error as DecodeError;
  }
  throw new Error('expected a DecodeError');
}

function loadWith(name: string, bytes: Uint8Array): Capture {
  const capture = new Capture();
  for (const [fileName, original] of files)
    capture.add(fileName === name ? bytes : original, fileName);
  return capture;
}

describe('CBOR shared references (tags 28/29) are refused before any object is built', () => {
  const hostile = sharedReferenceStream();

  it('a ~60 KB StreamInfo expanding to 10^8 members stops at its first tag', () => {
    expect(hostile.length).toBeGreaterThan(55000);
    expect(hostile.length).toBeLessThan(90000);
    const error = rejected(hostile, streamName);
    expect(error.kind).toBe('corrupt-envelope'); // it carries stream_id and process_id
    expect(error.reason).toBe('expected no CBOR tags (micromegas sends none), got tag 28');
    const firstTag = hostile.indexOf(0xd8); // head(6, 28) = 0xd8 0x1c
    expect(hostile[firstTag + 1]).toBe(28);
    expect(error.offset).toBe(firstTag); // nothing after the first tag was read
  });

  it('the stream is rejected, its blocks wait, every other block decodes', () => {
    const capture = loadWith(streamName, hostile);
    expect(capture.rejected.map((r) => r.fileName)).toEqual([streamName]);
    expect(capture.waiting()).toEqual([
      expect.stringMatching(new RegExp(`blocks of stream ${victim.stream_id} wait`)),
    ]);
    const ofStream = blockFiles.filter(([n]) => n.includes(String(victim.stream_id))).length;
    expect(capture.decoded.size).toBe(blockFiles.length - ofStream);
  });

  it('any other tag too, but a uint8 typed array (tag 64 on bytes, as cbor-x writes it)', () => {
    expect(rejected(new Uint8Array([0xc1, 0x00]), 'x.cbor').reason).toMatch(/got tag 1$/);
    expect(scanCbor(new Uint8Array([0xd8, 0x40, 0x41, 0x07])).error).toBeUndefined();
    expect(scanCbor(new Uint8Array([0xd8, 0x40, 0x01])).error?.reason).toMatch(/got tag 64/);
  });
});

describe('declared counts and lengths are checked against the bytes that exist', () => {
  it.each([
    [
      'array',
      [0x9a, 0xff, 0xff, 0xff, 0xff, 0x01],
      'expected 4294967295 bytes of array items, got 1',
    ],
    ['map', [0xba, 0x10, 0x00, 0x00, 0x00], 'expected 536870912 bytes of map entries, got 0'],
    ['byte string', [0x5a, 0x7f, 0xff, 0xff, 0xff], 'expected 2147483647 bytes of byte string'],
    ['argument', [0x1b, 0x01], 'expected 8 bytes of argument, got 1'],
  ])('%s', (_what, bytes, reason) => {
    const error = rejected(new Uint8Array(bytes), 'x.bin');
    expect(error.kind).toBe('not-micromegas');
    expect(error.reason).toContain(`truncated CBOR: ${reason}`);
  });

  it('nesting deeper than MAX_DEPTH is refused without recursion', () => {
    const deep = new Uint8Array(100000).fill(0x81); // [[[[...]]]] 100,000 levels
    expect(rejected(deep, 'x.bin').reason).toBe(
      `expected nesting of at most ${MAX_DEPTH} levels, got deeper`,
    );
  });

  it('well-formed indefinite lengths pass; a stray break or trailing bytes do not', () => {
    expect(scanCbor(new Uint8Array([0x9f, 0x01, 0x5f, 0x41, 0x02, 0xff, 0xff])).error).toBe(
      undefined,
    );
    expect(scanCbor(new Uint8Array([0x81, 0xff])).error?.reason).toMatch(/a break outside/);
    expect(scanCbor(new Uint8Array([0x01, 0x02])).error?.reason).toMatch(/got 1 more bytes/);
  });
});

describe('a block file that cannot be read is an error that counts what it lost', () => {
  it('truncated in its payload: named by its block_id, one block lost', () => {
    const cut = victimBytes.subarray(0, victimBytes.length - 40);
    const capture = loadWith(victimName, cut);
    expect(capture.rejected).toEqual([
      expect.objectContaining({
        kind: 'corrupt-envelope',
        blockId: victim.block_id,
        lost: { blocks: 1 },
      }),
    ]);
    expect(capture.rejected[0].reason).toMatch(/^truncated CBOR/);
  });

  it('with nb_objects read before the break, the lost events are counted', () => {
    const { payload, nb_objects, ...rest } = victim;
    const reordered = new Uint8Array(encode({ ...rest, nb_objects, payload }));
    const capture = loadWith(victimName, reordered.subarray(0, reordered.length - 40));
    expect(capture.rejected[0].lost).toEqual({ blocks: 1, objects: nb_objects });
  });

  it('a broken CBOR header anywhere: an error by path, or by its micromegas keys', () => {
    const broken = victimBytes.slice();
    broken[0] = 0xff;
    expect(rejected(broken, victimName).kind).toBe('corrupt-envelope');
    expect(rejected(broken, 'dropped.cbor').kind).toBe('not-micromegas');
    expect(rejected(broken, 'streams/s.cbor')).toMatchObject({ kind: 'corrupt-envelope' });
    expect(rejected(broken, 'streams/s.cbor').lost).toBeUndefined();
    const foreignButOurs = new Uint8Array(encode({ block_id: 'b', hello: 1 }));
    expect(rejected(foreignButOurs, 'dropped.cbor')).toMatchObject({
      kind: 'corrupt-envelope',
      blockId: 'b',
      lost: { blocks: 1 },
    });
  });
});

describe('impossible header values are refused (item 11)', () => {
  it.each([
    ['nb_objects', -1, "expected non-negative integer 'nb_objects', got number"],
    ['object_offset', -5, "expected non-negative integer 'object_offset', got number"],
    ['begin_ticks', 2n ** 64n - 1n, "expected 64-bit integer 'begin_ticks', got bigint"],
    ['end_ticks', -(2n ** 63n) - 1n, "expected 64-bit integer 'end_ticks', got bigint"],
  ])('%s = %s', (key, value, reason) => {
    const error = rejected(new Uint8Array(encode({ ...victim, [key]: value })), victimName);
    expect(error.kind).toBe('corrupt-envelope');
    expect(error.reason).toBe(`block: ${reason}`);
  });

  it('ticks beyond 64 bits (a CBOR bignum) are refused as a tag', () => {
    const error = rejected(new Uint8Array(encode({ ...victim, end_ticks: 2n ** 70n })), victimName);
    expect(error.reason).toMatch(/got tag 2$/);
  });
});
