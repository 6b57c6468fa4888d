// Corrupt inputs: each gives a named DecodeError (file, block, offset, reason), never a crash or a
// hang, and the good blocks of the same capture still decode.
import { decode, encode } from 'cbor-x';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Capture } from './capture';
import { decodeLz4Frames } from './lz4-frame';
import { FIXTURES, readCborFiles, storedLz4Frame } from './testing';

const files = readCborFiles(join(FIXTURES, 'small'));
const blockFiles = files.filter(([name]) => name.startsWith('blocks/'));
const [victimName, victimBytes] = blockFiles[0];
const victim = decode(victimBytes) as Record<string, any>;
const victimId = victim.block_id as string;
const streamOf = (id: string) => files.find(([name]) => name === `streams/${id}.cbor`)!;

/** Loads `small` with one file replaced; returns the capture. */
function loadWith(name: string, bytes: Uint8Array): Capture {
  const capture = new Capture();
  for (const [fileName, original] of files)
    capture.add(fileName === name ? bytes : original, fileName);
  return capture;
}

function expectOnlyVictimRejected(capture: Capture, reason: RegExp, kind = 'corrupt-block') {
  expect(capture.rejected).toHaveLength(1);
  const [r] = capture.rejected;
  expect(r.kind).toBe(kind);
  expect(r.fileName).toBe(victimName);
  expect(r.blockId).toBe(victimId);
  expect(typeof r.offset).toBe('number');
  expect(r.reason).toMatch(reason);
  expect(capture.decoded.size).toBe(blockFiles.length - 1);
  expect(capture.decoded.has(victimId)).toBe(false);
}

/** Re-encodes the victim block with its objects (or dependencies) buffer rewritten. */
function withPayload(which: 'objects' | 'dependencies', edit: (raw: Uint8Array) => Uint8Array) {
  const raw = decodeLz4Frames(victim.payload[which]).slice();
  const payload = { ...victim.payload, [which]: storedLz4Frame(edit(raw)) };
  return new Uint8Array(encode({ ...victim, payload }));
}

function withPayloadBytes(which: 'objects' | 'dependencies', edit: (frame: Uint8Array) => void) {
  const frame = new Uint8Array(victim.payload[which]);
  edit(frame);
  return new Uint8Array(encode({ ...victim, payload: { ...victim.payload, [which]: frame } }));
}

describe('a corrupt block is reported and skipped, the rest loads', () => {
  it('re-encoded but intact payloads still decode (the test tools are sound)', () => {
    const capture = loadWith(
      victimName,
      withPayload('objects', (raw) => raw),
    );
    expect(capture.rejected).toEqual([]);
    expect(capture.decoded.size).toBe(blockFiles.length);
  });

  it('flipped byte in LZ4 data is caught by the block checksum', () => {
    const bytes = withPayloadBytes('objects', (f) => (f[20] ^= 0x5a));
    expectOnlyVictimRejected(loadWith(victimName, bytes), /objects LZ4 frame: .*checksum/);
  });

  it('flipped content checksum', () => {
    const bytes = withPayloadBytes('dependencies', (f) => (f[f.length - 1] ^= 1));
    expectOnlyVictimRejected(
      loadWith(victimName, bytes),
      /dependencies LZ4 frame: content checksum/,
    );
  });

  it('truncated LZ4 frame', () => {
    const frame = victim.payload.objects as Uint8Array;
    const bytes = new Uint8Array(
      encode({
        ...victim,
        payload: { ...victim.payload, objects: frame.subarray(0, frame.length - 9) },
      }),
    );
    expectOnlyVictimRejected(loadWith(victimName, bytes), /objects LZ4 frame/);
  });

  it('type index out of range', () => {
    const bytes = withPayload('objects', (raw) => ((raw[0] = 200), raw));
    expectOnlyVictimRejected(loadWith(victimName, bytes), /expected a type index below 9, got 200/);
  });

  it('object size beyond the buffer', () => {
    const bytes = withPayload('objects', (raw) => raw.subarray(0, raw.length - 3));
    expectOnlyVictimRejected(loadWith(victimName, bytes), /bytes left/);
  });

  it('dynamic size beyond the buffer in dependencies', () => {
    const bytes = withPayload('dependencies', (raw) => {
      const view = new DataView(raw.buffer, raw.byteOffset);
      let offset = 0; // find the first StaticString (type index 2 in small's cpu streams)
      while (raw[offset] !== 2) offset += 1 + (raw[offset] === 0 ? 48 : 40);
      view.setUint32(offset + 1, 0xfffff, true);
      return raw;
    });
    expectOnlyVictimRejected(loadWith(victimName, bytes), /StaticString of 1048575 bytes/);
  });

  it('missing dependency', () => {
    const bytes = withPayload('dependencies', (raw) => raw.subarray(0, 0));
    expectOnlyVictimRejected(
      loadWith(victimName, bytes),
      /expected dependency \d+ for member '(span_desc|span_location|name)', got none/,
    );
  });
});

describe('bad stream metadata fails the blocks that need it, with a reason', () => {
  const [streamName, streamBytes] = streamOf(victim.stream_id);
  const stream = decode(streamBytes) as Record<string, any>;
  const editStream = (edit: (udts: any[]) => void) => {
    const objects = structuredClone(stream.objects_metadata);
    edit(objects);
    return new Uint8Array(encode({ ...stream, objects_metadata: objects }));
  };
  const blocksOfStream = blockFiles.filter(([name]) => name.includes(victim.stream_id)).length;

  it('member offset + size beyond the object', () => {
    const bytes = editStream((udts) => {
      udts
        .find((u) => u.name === 'BeginAsyncSpanEvent')
        .members.find((m: any) => m.name === 'time').offset = 36;
    });
    const capture = loadWith(streamName, bytes);
    // Only blocks that hold a BeginAsyncSpanEvent need the broken member.
    const intact = loadWith(streamName, streamBytes);
    const needing = [...intact.decoded.values()].filter(
      (b) => b.meta.streamId === victim.stream_id && (b.counts.byType.BeginAsyncSpanEvent ?? 0) > 0,
    ).length;
    expect(needing).toBeGreaterThan(0);
    expect(capture.rejected.length).toBe(needing);
    expect(capture.rejected[0].reason).toMatch(
      /expected member 'time' within the 40-byte BeginAsyncSpanEvent, got offset 36 \+ size 8/,
    );
    expect(capture.decoded.size).toBe(blockFiles.length - needing);
  });

  it('unknown UDT name for a nested member', () => {
    const bytes = editStream((udts) => {
      for (const u of udts)
        for (const m of u.members) if (m.type_name === 'StringId') m.type_name = 'NoSuchType';
    });
    const capture = loadWith(streamName, bytes);
    expect(capture.rejected[0].reason).toMatch(/unknown type 'NoSuchType'/);
    expect(capture.decoded.size).toBeGreaterThanOrEqual(blockFiles.length - blocksOfStream);
  });
});

describe('files that are not micromegas bodies', () => {
  it.each([
    ['garbage', new Uint8Array([0xff, 0x00, 0x13, 0x37, 0x42])],
    ['empty', new Uint8Array(0)],
    ['a CBOR number', new Uint8Array(encode(42))],
    ['a foreign map', new Uint8Array(encode({ hello: 'world' }))],
  ])('%s is skipped as not-micromegas elsewhere, an error where a block belongs', (_l, bytes) => {
    const capture = loadWith('notes/other.bin', bytes);
    capture.add(bytes, 'notes/other.bin');
    expect(capture.rejected).toHaveLength(1);
    expect(capture.rejected[0].kind).toBe('not-micromegas');
    expect(capture.rejected[0].lost).toBeUndefined();
    expect(capture.decoded.size).toBe(blockFiles.length);
    const lost = loadWith(victimName, bytes);
    expect(lost.rejected).toHaveLength(1);
    expect(lost.rejected[0]).toMatchObject({
      kind: 'corrupt-envelope',
      fileName: victimName,
      lost: { blocks: 1 },
    });
    expect(lost.decoded.size).toBe(blockFiles.length - 1);
  });

  it('truncated block files never crash, at any length', () => {
    for (let length = 0; length < victimBytes.length; length += 7) {
      const capture = new Capture();
      capture.add(victimBytes.subarray(0, length), 'cut.cbor');
      expect(capture.rejected.length).toBeLessThanOrEqual(1);
    }
  });

  it('a block with a mistyped field names the field', () => {
    const bytes = new Uint8Array(encode({ ...victim, begin_ticks: 'soon' }));
    const capture = loadWith(victimName, bytes);
    expect(capture.rejected[0].kind).toBe('corrupt-envelope');
    expect(capture.rejected[0].reason).toMatch(/expected 64-bit integer 'begin_ticks', got string/);
  });
});

describe('missing pieces wait and decode when they arrive', () => {
  it('blocks before their stream and process', () => {
    const capture = new Capture();
    for (const [name, bytes] of blockFiles) capture.add(bytes, name);
    expect(capture.decoded.size).toBe(0);
    expect(capture.waiting().join('\n')).toMatch(/blocks of stream .* wait for its stream file/);
    expect(capture.waiting().join('\n')).toMatch(/wait for its process file/);
    for (const [name, bytes] of files) if (!name.startsWith('blocks/')) capture.add(bytes, name);
    expect(capture.waiting()).toEqual([]);
    expect(capture.decoded.size).toBe(blockFiles.length);
  });
});
