import { readFileSync } from 'node:fs';
import { decode as decodeCbor } from 'cbor-x';
import { describe, expect, it } from 'vitest';
import { decodeLz4Frames, Lz4Error, MAX_OUTPUT_BYTES } from './lz4-frame';
import { lz4FrameDeclaring } from './testing';
import { xxh32 } from './xxh32';

// Fixtures in fixtures/lz4/ (see its README.md):
// - *.lz4 were made by Debian's `lz4` CLI v1.9.4 from the deterministic inputs of wordsText() and
//   noise() below; the tests regenerate the originals instead of storing them.
// - micromegas-*.cbor are block files copied from /work/shared/fixtures/micromegas/{small,medium};
//   their payload.dependencies / payload.objects are LZ4 frames with FLG 0x54.

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../fixtures/lz4/${name}`, import.meta.url)));
}

// --- Deterministic inputs (the same code generated the originals fed to the lz4 CLI). ---
const WORDS = (
  'span scope async begin end thread block stream process object payload frame ' +
  'micromegas telemetry event trace lane depth parent child tick time cpu worker future poll ' +
  'wake spawn join select await yield mutex channel buffer decode encode index query table'
).split(' ');

/** mulberry32: returns a function yielding floats in [0, 1). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function wordsText(size: number, seed: number): Uint8Array {
  const next = rng(seed);
  const out = new Uint8Array(size);
  let text = '';
  while (text.length < size) {
    const r = next();
    const word = WORDS[Math.floor(r * r * WORDS.length)];
    const sep = next() < 0.1 ? (next() < 0.3 ? '.\n' : ', ') : ' ';
    text += next() < 0.05 ? `${word}#${Math.floor(next() * 100000)}${sep}` : `${word}${sep}`;
  }
  for (let i = 0; i < size; i++) out[i] = text.charCodeAt(i);
  return out;
}

function noise(size: number, seed: number): Uint8Array {
  const next = rng(seed);
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = Math.floor(next() * 256);
  return out;
}

const WORDS_300K = wordsText(300000, 1);
const NOISE_100K = noise(100000, 2);
const MIXED_200K = concat(wordsText(100000, 3), noise(100000, 4));

// --- Byte helpers and a hand-made frame builder. ---
function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let pos = 0;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
}

function le32(value: number): Uint8Array {
  return new Uint8Array([value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, value >>> 24]);
}

function readLe32(bytes: Uint8Array, pos: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset).getUint32(pos, true);
}

function hex8(value: number): string {
  return `0x${value.toString(16).toUpperCase().padStart(8, '0')}`;
}

interface RawBlock {
  data: Uint8Array;
  stored?: boolean;
}

interface FrameSpec {
  flg: number; // FLG byte as written (version bits included)
  bd?: number;
  contentSize?: number;
  dictId?: number;
  blocks: RawBlock[];
  /** Decoded content, needed when FLG asks for a content checksum. */
  content?: Uint8Array;
}

/** Builds a frame byte by byte; checksums are computed with xxh32 (tested on its own). */
function buildFrame(spec: FrameSpec): Uint8Array {
  const descriptor = [spec.flg, spec.bd ?? 0x40];
  if (spec.flg & 0x08) descriptor.push(...le32(spec.contentSize ?? 0), 0, 0, 0, 0);
  if (spec.flg & 0x01) descriptor.push(...le32(spec.dictId ?? 0));
  const desc = new Uint8Array(descriptor);
  const parts = [le32(0x184d2204), desc, new Uint8Array([(xxh32(desc, 0) >>> 8) & 0xff])];
  for (const block of spec.blocks) {
    parts.push(le32((block.data.length | (block.stored ? 0x80000000 : 0)) >>> 0), block.data);
    if (spec.flg & 0x10) parts.push(le32(xxh32(block.data, 0)));
  }
  parts.push(le32(0));
  if (spec.flg & 0x04) parts.push(le32(xxh32(spec.content ?? new Uint8Array(0), 0)));
  return concat(...parts);
}

const bytes = (...values: number[]) => new Uint8Array(values);
const ascii = (text: string) => new TextEncoder().encode(text);

interface BlockInfo {
  at: number; // offset of the block size field
  data: number; // offset of the block data
  size: number;
  stored: boolean;
}

/** The blocks of a single frame, found by walking the block size fields. */
function blockLayout(frame: Uint8Array): BlockInfo[] {
  const flg = frame[4];
  let pos = 7 + (flg & 0x08 ? 8 : 0) + (flg & 0x01 ? 4 : 0);
  const blocks = [];
  for (let word = readLe32(frame, pos); word !== 0; word = readLe32(frame, pos)) {
    const size = word & 0x7fffffff;
    blocks.push({ at: pos, data: pos + 4, size, stored: word >>> 31 === 1 });
    pos += 4 + size + (flg & 0x10 ? 4 : 0);
  }
  return blocks;
}

/** Runs `fn`, expects an Lz4Error and returns it. */
function lz4Error(fn: () => unknown): Lz4Error {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(Lz4Error);
    return error as Lz4Error;
  }
  throw new Error('expected an Lz4Error, nothing was thrown');
}

function expectLz4Error(input: Uint8Array, reason: string, offset: number): Lz4Error {
  const error = lz4Error(() => decodeLz4Frames(input));
  expect(error.reason).toContain(reason);
  expect(error.offset).toBe(offset);
  expect(error.message).toBe(`lz4: ${error.reason} at offset ${offset}`);
  return error;
}

function flip(input: Uint8Array, pos: number, mask = 0x01): Uint8Array {
  const copy = input.slice();
  copy[pos] ^= mask;
  return copy;
}

interface MicromegasBlock {
  payload: { dependencies: Uint8Array; objects: Uint8Array };
}

/** The two LZ4 frames of a micromegas block file, copied out of cbor-x's Buffers. */
function micromegasPayload(name: string): MicromegasBlock['payload'] {
  const { payload } = decodeCbor(fixture(name)) as MicromegasBlock;
  // Buffer#slice shares memory; plain Uint8Array copies keep the mutation tests honest.
  return {
    dependencies: new Uint8Array(payload.dependencies),
    objects: new Uint8Array(payload.objects),
  };
}

describe('decodeLz4Frames on lz4 CLI output', () => {
  it.each([
    // [file, lz4 options, FLG, expected content]
    ['words-B4-BD-BX.lz4', '-10 -B4 -BD -BX', 0x54, WORDS_300K],
    ['words-B4-BD.lz4', '-10 -B4 -BD', 0x44, WORDS_300K],
    ['words-B4-BD-nocrc.lz4', '-10 -B4 -BD --no-frame-crc', 0x40, WORDS_300K],
    ['words-B4-indep-BX.lz4', '-10 -B4 -BX', 0x74, WORDS_300K],
    ['words-B5-BD-size.lz4', '-10 -B5 -BD --content-size', 0x4c, WORDS_300K],
    ['noise-B4-BD-BX.lz4', '-B4 -BD -BX', 0x54, NOISE_100K],
    ['mixed-B4-BD-BX-size.lz4', '-B4 -BD -BX --content-size', 0x5c, MIXED_200K],
  ] as const)('%s (lz4 %s) decodes to the original', (file, _options, flg, original) => {
    const frame = fixture(file);
    expect(frame[4]).toBe(flg);
    const out = decodeLz4Frames(frame);
    expect(out.length).toBe(original.length);
    expect(Buffer.from(out).equals(Buffer.from(original))).toBe(true);
  });

  it('the fixtures exercise multi-block linked, stored and 256 KB blocks', () => {
    const words = blockLayout(fixture('words-B4-BD-BX.lz4'));
    expect(words.map((b) => b.size)).toEqual([19442, 16982, 17264, 17019, 9884]);
    expect(words.every((b) => !b.stored)).toBe(true);
    const noiseBlocks = blockLayout(fixture('noise-B4-BD-BX.lz4'));
    expect(noiseBlocks.map((b) => [b.size, b.stored])).toEqual([
      [65536, true],
      [34464, true],
    ]);
    const mixed = blockLayout(fixture('mixed-B4-BD-BX-size.lz4'));
    expect(mixed.map((b) => b.stored)).toEqual([false, false, true, true]);
    const big = fixture('words-B5-BD-size.lz4');
    expect(big[5]).toBe(0x50);
    expect(blockLayout(big)[0].size).toBe(70779); // larger than 64 KB
  });

  it('decodes concatenated frames with a skippable frame between them', () => {
    const skippable = concat(le32(0x184d2a5f), le32(5), ascii('skip!'));
    const input = concat(
      fixture('words-B4-BD-BX.lz4'),
      skippable,
      fixture('mixed-B4-BD-BX-size.lz4'),
      fixture('noise-B4-BD-BX.lz4'),
    );
    const out = decodeLz4Frames(input);
    const expected = concat(WORDS_300K, MIXED_200K, NOISE_100K);
    expect(out.length).toBe(600000);
    expect(Buffer.from(out).equals(Buffer.from(expected))).toBe(true);
  });

  it('returns an empty array for input made only of skippable frames', () => {
    const out = decodeLz4Frames(concat(le32(0x184d2a50), le32(0)));
    expect(out).toBeInstanceOf(Uint8Array);
    expect(out.length).toBe(0);
  });

  it('returns an exactly sized array that owns its buffer', () => {
    const out = decodeLz4Frames(fixture('words-B4-BD-BX.lz4'));
    expect(out.byteOffset).toBe(0);
    expect(out.buffer.byteLength).toBe(300000);
  });
});

describe('decodeLz4Frames on micromegas payloads', () => {
  // Sizes from /work/shared/fixtures/micromegas/{small,medium}/expected_summary.json.
  it.each([
    ['micromegas-small-e77245eb.cbor', 1680, 1963],
    ['micromegas-small-055490f5.cbor', 1489, 1925],
    ['micromegas-medium-f60f067a.cbor', 2187, 130984],
  ])('%s decodes to %i dependency and %i object bytes', (file, depBytes, objBytes) => {
    const payload = micromegasPayload(file);
    for (const frame of [payload.dependencies, payload.objects]) {
      expect(frame[4]).toBe(0x54); // linked blocks, block checksums, content checksum
      expect(frame[5]).toBe(0x40); // 64 KB blocks
    }
    expect(decodeLz4Frames(payload.dependencies).length).toBe(depBytes);
    expect(decodeLz4Frames(payload.objects).length).toBe(objBytes);
  });

  it('the medium objects frame has two linked blocks whose content checksum verifies', () => {
    const frame = micromegasPayload('micromegas-medium-f60f067a.cbor').objects;
    expect(blockLayout(frame).map((b) => b.size)).toEqual([17906, 16683]);
    const out = decodeLz4Frames(frame);
    expect(xxh32(out, 0)).toBe(readLe32(frame, frame.length - 4));
  });

  it('accepts payload views that are unaligned subarrays of a larger buffer', () => {
    const frame = micromegasPayload('micromegas-small-e77245eb.cbor').objects;
    const backing = new Uint8Array(frame.length + 3);
    backing.set(frame, 3);
    expect(decodeLz4Frames(backing.subarray(3)).length).toBe(1963);
  });
});

// --- Hand-made LZ4 blocks. ---
/** Bytes of a length extension for a length field value `n` ≥ 15. */
function extBytes(n: number): number[] {
  const out = [];
  let rest = n - 15;
  for (; rest >= 255; rest -= 255) out.push(255);
  out.push(rest);
  return out;
}

/** One sequence: literals, then (unless offset is undefined) a match of matchLen bytes. */
function seq(literals: Uint8Array, offset?: number, matchLen = 4): Uint8Array {
  const ml = offset === undefined ? 0 : matchLen - 4;
  const out = [(Math.min(literals.length, 15) << 4) | Math.min(ml, 15)];
  if (literals.length >= 15) out.push(...extBytes(literals.length));
  out.push(...literals);
  if (offset !== undefined) {
    out.push(offset & 0xff, offset >>> 8);
    if (ml >= 15) out.push(...extBytes(ml));
  }
  return new Uint8Array(out);
}

/** A frame without checksums or content size (FLG 0x40 = linked blocks) holding `blocks`. */
function plainFrame(flg: number, bd: number, ...blocks: Uint8Array[]): Uint8Array {
  return buildFrame({ flg, bd, blocks: blocks.map((data) => ({ data })) });
}

/** The content of a match: `pattern` repeated to `total` bytes. */
function repeated(pattern: Uint8Array, total: number): Uint8Array {
  const out = new Uint8Array(total);
  for (let i = 0; i < total; i++) out[i] = pattern[i % pattern.length];
  return out;
}

// In a frame with FLG 0x40 and BD 0x40, the first block's data starts at offset 11.
const DATA = 11;

describe('decodeLz4Frames on hand-made blocks', () => {
  const seed = noise(100, 11);
  it.each([1, 2, 3, 4, 5, 7, 8, 16, 63, 100])('repeats a %i-byte pattern', (offset) => {
    // offset < length: overlapping match; offset >= length: plain copy.
    for (const length of [4, 5, 17, 18, 19, 64, 65, 300, 1000]) {
      const lits = seed.subarray(0, offset);
      const block = concat(seq(lits, offset, length), seq(ascii('Z')));
      const expected = concat(repeated(lits, offset + length), ascii('Z'));
      expect(Array.from(decodeLz4Frames(plainFrame(0x40, 0x40, block)))).toEqual(
        Array.from(expected),
      );
    }
  });

  it('copies long literal runs and long non-overlapping matches', () => {
    const lits = noise(1000, 9);
    const block = concat(seq(lits, 1000, 1000), seq(lits.subarray(0, 20), 20, 40), seq(lits));
    const expected = concat(lits, lits, repeated(lits.subarray(0, 20), 60), lits);
    expect(Buffer.from(decodeLz4Frames(plainFrame(0x40, 0x40, block))).equals(expected)).toBe(true);
  });

  it('lets linked blocks reference earlier blocks, but not independent blocks', () => {
    const first = { data: ascii('abcdefgh'), stored: true };
    const second = { data: concat(seq(ascii(''), 8, 8), seq(ascii('Z'))) };
    const linked = buildFrame({ flg: 0x40, blocks: [first, second] });
    expect(new TextDecoder().decode(decodeLz4Frames(linked))).toBe('abcdefghabcdefghZ');
    const independent = buildFrame({ flg: 0x60, blocks: [first, second] });
    // Second block: size field at 11 + 8 = 19, token at 23, offset field at 24.
    expectLz4Error(independent, 'match offset 8 reaches before output start', 24);
  });

  it('does not let a frame reference the content of the previous frame', () => {
    const first = buildFrame({ flg: 0x40, blocks: [{ data: ascii('abcd'), stored: true }] });
    const second = plainFrame(0x40, 0x40, concat(seq(ascii(''), 4, 4), seq(ascii('Z'))));
    expect(first.length).toBe(19);
    expect(decodeLz4Frames(first).length).toBe(4);
    // Second frame: token at 19 + 11, offset field at 31.
    expectLz4Error(concat(first, second), 'match offset 4 reaches before output start', 31);
  });

  it('rejects match offset 0 and offsets before the output start', () => {
    const zero = concat(seq(ascii('a'), 0, 4), seq(ascii('Z')));
    expectLz4Error(plainFrame(0x40, 0x40, zero), 'match offset 0', DATA + 2);
    const far = concat(seq(ascii('ab'), 3, 4), seq(ascii('Z')));
    expectLz4Error(plainFrame(0x40, 0x40, far), 'match offset 3 reaches before output start', 14);
  });

  it('bounds a block by its maximum size (BD)', () => {
    const block = concat(seq(ascii('a'), 1, 70000), seq(ascii('Z')));
    const at = DATA + block.length - 2; // just after the match length bytes
    expectLz4Error(plainFrame(0x40, 0x40, block), 'match of 70000 bytes exceeds block output', at);
    expect(decodeLz4Frames(plainFrame(0x40, 0x70, block)).length).toBe(70002); // 4 MB blocks
    const lits = noise(1000, 5);
    const tooManyLiterals = concat(seq(ascii('a'), 1, 65000), seq(lits));
    const litAt = DATA + tooManyLiterals.length - 1000;
    const reason = '1000 literal bytes exceed block output limit';
    expectLz4Error(plainFrame(0x40, 0x40, tooManyLiterals), reason, litAt);
  });

  it.each([
    ['literal run past the end of the block', bytes(0x50, 0x61, 0x62), '5 literal bytes pass', 12],
    ['missing literal length byte', bytes(0xf0), 'truncated literal length', 12],
    ['unfinished literal length', bytes(0xf0, 0xff), 'truncated literal length', 13],
    ['missing match offset byte', bytes(0x10, 0x61, 0x01), 'truncated match offset', 13],
    ['missing match length byte', bytes(0x1f, 0x61, 0x01, 0x00), 'truncated match length', 15],
    ['block ending with a match', bytes(0x10, 0x61, 0x01, 0x00), 'block ends with a match', 15],
  ])('rejects a %s', (_what, block, reason, offset) => {
    expectLz4Error(plainFrame(0x40, 0x40, block), reason, offset);
  });
});

describe('decodeLz4Frames header checks', () => {
  it('reports a wrong magic number', () => {
    const error = expectLz4Error(bytes(0x78, 0x56, 0x34, 0x12, 0, 0, 0), 'expected magic', 0);
    expect(error.message).toBe('lz4: expected magic 0x184D2204, got 0x12345678 at offset 0');
  });

  it('reports garbage after a valid frame at its offset', () => {
    const frame = fixture('words-B4-BD-BX.lz4');
    const input = concat(frame, ascii('junk'));
    expectLz4Error(input, `expected magic 0x184D2204, got ${hex8(readLe32(input, 80646))}`, 80646);
    expectLz4Error(concat(frame, ascii('ju')), 'truncated input: frame magic needs 4', 80646);
  });

  it('rejects dictionaries, other versions, reserved bits and invalid block sizes', () => {
    const dict = buildFrame({ flg: 0x41, dictId: 7, blocks: [] });
    expectLz4Error(dict, 'dictionary not supported', 6);
    expectLz4Error(buildFrame({ flg: 0x80, blocks: [] }), 'unsupported frame version 2', 4);
    expectLz4Error(buildFrame({ flg: 0x00, blocks: [] }), 'unsupported frame version 0', 4);
    expectLz4Error(buildFrame({ flg: 0x42, blocks: [] }), 'reserved FLG bit set (FLG 0x42)', 4);
    expectLz4Error(buildFrame({ flg: 0x40, bd: 0x30, blocks: [] }), 'invalid BD 0x30', 5);
    expectLz4Error(buildFrame({ flg: 0x40, bd: 0x41, blocks: [] }), 'invalid BD 0x41', 5);
    const big = concat(buildFrame({ flg: 0x40, blocks: [] }).subarray(0, 7), le32(70000));
    expectLz4Error(big, 'block size 70000 exceeds maximum 65536', 7);
  });

  it('reports a truncated skippable frame', () => {
    const skippable = concat(le32(0x184d2a51), le32(5), ascii('sk'));
    expectLz4Error(skippable, 'truncated input: skippable frame data needs 5 bytes, 2 left', 8);
    expectLz4Error(skippable.subarray(0, 6), 'skippable frame size needs 4 bytes, 2 left', 4);
  });

  it('decodes an empty frame and verifies its content checksum', () => {
    expect(decodeLz4Frames(buildFrame({ flg: 0x44, blocks: [] })).length).toBe(0);
    const frame = buildFrame({ flg: 0x44, blocks: [] });
    expectLz4Error(flip(frame, frame.length - 1), 'content checksum mismatch', frame.length - 4);
  });
});

describe('decodeLz4Frames on corrupted lz4 CLI output', () => {
  // words-B4-BD-BX.lz4: header 0..6 (HC at 6); block 1 size field at 7, data 11..19452, block
  // checksum at 19453; ...; EndMark at 80638; content checksum at 80642; 80646 bytes in all.
  const frame = fixture('words-B4-BD-BX.lz4');

  it('has the layout the corruption tests rely on', () => {
    expect(frame.length).toBe(80646);
    expect(blockLayout(frame)[0]).toEqual({ at: 7, data: 11, size: 19442, stored: false });
    expect(readLe32(frame, 80638)).toBe(0);
  });

  it.each([
    [0, 'empty input', 0],
    [3, 'truncated input: frame magic needs 4 bytes, 3 left', 0],
    [5, 'truncated input: frame descriptor needs 2 bytes, 1 left', 4],
    [6, 'truncated input: frame header needs 1 bytes, 0 left', 6],
    [9, 'truncated input: block size needs 4 bytes, 2 left', 7],
    [100, 'truncated input: block needs 19446 bytes, 89 left', 11],
    [19455, 'truncated input: block needs 19446 bytes, 19444 left', 11],
    [19459, 'truncated input: block size needs 4 bytes, 2 left', 19457],
    [80640, 'truncated input: block size needs 4 bytes, 2 left', 80638],
    [80642, 'truncated input: content checksum needs 4 bytes, 0 left', 80642],
    [80645, 'truncated input: content checksum needs 4 bytes, 3 left', 80642],
  ])('truncated to %i bytes: %s at offset %i', (length, reason, offset) => {
    expectLz4Error(frame.subarray(0, length), reason, offset);
  });

  it('catches a flipped byte in compressed data with the block checksum', () => {
    const [, second] = blockLayout(frame);
    const bad = flip(frame, second.data + 100, 0x40);
    const end = second.data + second.size;
    const expected = hex8(readLe32(frame, end));
    const got = hex8(xxh32(bad.subarray(second.data, end), 0));
    expect(got).not.toBe(expected);
    expectLz4Error(bad, `block checksum mismatch: expected ${expected}, got ${got}`, end);
  });

  it('catches a flipped block checksum', () => {
    const bad = flip(frame, 19453 + 2, 0x10);
    const reason = `block checksum mismatch: expected ${hex8(readLe32(bad, 19453))}, got ${hex8(
      readLe32(frame, 19453),
    )}`;
    expectLz4Error(bad, reason, 19453);
  });

  it('catches a flipped content checksum', () => {
    const bad = flip(frame, 80645, 0x80);
    const got = hex8(xxh32(WORDS_300K, 0));
    expect(got).toBe(hex8(readLe32(frame, 80642)));
    const reason = `content checksum mismatch: expected ${hex8(readLe32(bad, 80642))}, got ${got}`;
    expectLz4Error(bad, reason, 80642);
  });

  it('catches a flipped header checksum', () => {
    expect(frame[6]).toBe(0xae);
    expectLz4Error(flip(frame, 6, 0x01), 'header checksum mismatch: expected 0xAF, got 0xAE', 6);
  });

  it('catches a flipped header flag through the header checksum', () => {
    // FLG 0x54 -> 0x74 (independent blocks) would silently change decoding without HC.
    expectLz4Error(flip(frame, 4, 0x20), 'header checksum mismatch', 6);
  });

  it('catches corrupt data in a frame without block checksums through the content checksum', () => {
    const plain = fixture('words-B4-BD.lz4'); // FLG 0x44: content checksum only
    const [first] = blockLayout(plain);
    // The last 5 bytes of a block are always literals (block format spec), so this only
    // changes one output byte.
    const bad = flip(plain, first.data + first.size - 1, 0x01);
    const error = expectLz4Error(bad, 'content checksum mismatch', plain.length - 4);
    expect(error.reason).toContain(`expected ${hex8(readLe32(plain, plain.length - 4))}`);
  });
});

describe('decodeLz4Frames content size', () => {
  // words-B5-BD-size.lz4: FLG 0x4C, content size at 6..13 (300000), HC at 14, EndMark at 80686.
  const frame = fixture('words-B5-BD-size.lz4');

  function withContentSize(size: number): Uint8Array {
    const copy = frame.slice();
    copy.set(le32(size), 6);
    copy.set(le32(0), 10);
    copy[14] = (xxh32(copy.subarray(4, 14), 0) >>> 8) & 0xff;
    return copy;
  }

  it('uses and verifies the declared content size', () => {
    expect(readLe32(frame, 6)).toBe(300000);
    expect(decodeLz4Frames(withContentSize(300000)).length).toBe(300000);
    const reason = 'content size mismatch: header declares 300001 bytes, decoded 300000';
    expectLz4Error(withContentSize(300001), reason, 80686);
  });

  it('stops decoding at the declared content size', () => {
    const error = lz4Error(() => decodeLz4Frames(withContentSize(299999)));
    expect(error.reason).toMatch(/exceeds? block output limit/);
    expect(error.offset).toBeGreaterThan(70798); // inside the last block
    expect(error.offset).toBeLessThan(80686);
  });

  it('treats a declared size of 0 as unknown, like liblz4', () => {
    expect(decodeLz4Frames(withContentSize(0)).length).toBe(300000);
  });

  it('rejects a stored block larger than the declared content size', () => {
    const small = buildFrame({
      flg: 0x48,
      contentSize: 3,
      blocks: [{ data: ascii('abcd'), stored: true }],
    });
    expectLz4Error(small, 'block exceeds declared content size', 15);
    const unsized = buildFrame({ flg: 0x40, blocks: [{ data: ascii('abcd'), stored: true }] });
    const capped = lz4Error(() => decodeLz4Frames(unsized, 3));
    expect(capped.message).toBe('lz4: block exceeds the output limit of 3 bytes at offset 7');
  });

  it('refuses a declared size beyond the limit; allocates from what is decoded below it', () => {
    const reason = `declared content size ${2 ** 40} exceeds the limit of ${MAX_OUTPUT_BYTES} bytes`;
    expectLz4Error(lz4FrameDeclaring(2 ** 40), reason, 6);
    const [before, declared] = [process.memoryUsage().arrayBuffers, MAX_OUTPUT_BYTES - 1];
    expectLz4Error(lz4FrameDeclaring(declared), `header declares ${declared} bytes, decoded 1`, 20);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(declared / 4);
  });

  it('stops a frame whose real output passes the limit', () => {
    expect(decodeLz4Frames(frame, 300000).length).toBe(300000);
    expect(lz4Error(() => decodeLz4Frames(frame, 299999)).reason).toMatch(/size 300000 exceeds/);
    const cut = lz4Error(() => decodeLz4Frames(withContentSize(0), 1e5)).reason;
    expect(cut).toBe('block output exceeds the limit of 100000 bytes');
  });
});

describe('decodeLz4Frames robustness', () => {
  it('throws only Lz4Error (or decodes) for 2000 deterministic mutations and truncations', () => {
    const sources = [
      fixture('words-B4-BD-nocrc.lz4'), // no checksums: mutations reach the block decoder
      fixture('words-B4-indep-BX.lz4'),
      micromegasPayload('micromegas-medium-f60f067a.cbor').objects,
      concat(fixture('noise-B4-BD-BX.lz4').subarray(0, 2000), le32(0)),
    ];
    const next = rng(12345);
    const outcomes = { decoded: 0, lz4Error: 0, other: [] as string[] };
    for (let i = 0; i < 2000; i++) {
      const source = sources[i % sources.length];
      const input = source.slice(0, next() < 0.3 ? Math.floor(next() * source.length) : undefined);
      const mutations = next() < 0.2 ? 1 + Math.floor(next() * 8) : 1;
      for (let m = 0; m < mutations && input.length > 0; m++) {
        // Bias towards the header and the first block, where the structure is densest.
        const span = next() < 0.3 ? Math.min(64, input.length) : input.length;
        input[Math.floor(next() * span)] ^= 1 + Math.floor(next() * 255);
      }
      try {
        const out = decodeLz4Frames(input);
        expect(out.length).toBeLessThanOrEqual(input.length * 255);
        outcomes.decoded++;
      } catch (error) {
        if (error instanceof Lz4Error) outcomes.lz4Error++;
        else outcomes.other.push(`#${i}: ${String(error)}`);
      }
    }
    expect(outcomes.other).toEqual([]);
    expect(outcomes.decoded + outcomes.lz4Error).toBe(2000);
    expect(outcomes.decoded).toBeGreaterThan(0); // mutations of unchecked literal bytes decode
    expect(outcomes.lz4Error).toBeGreaterThan(1000);
  });

  it('throws only Lz4Error (or decodes) for 1000 random block bodies', () => {
    const next = rng(777);
    const reasons = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const body = noise(1 + Math.floor(next() * 300), i);
      // Small tokens make longer sequence chains: clear the length nibbles half of the time.
      if (next() < 0.5) for (let k = 0; k < body.length; k += 7) body[k] &= 0x33;
      try {
        decodeLz4Frames(plainFrame(0x40, 0x40, body));
      } catch (error) {
        expect(error).toBeInstanceOf(Lz4Error);
        reasons.add((error as Lz4Error).reason.replace(/\d+/g, 'N'));
      }
    }
    expect(reasons).toContain('match offset N reaches before output start');
    expect(reasons).toContain('N literal bytes pass end of block');
  });
});
