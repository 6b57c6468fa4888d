import { describe, expect, it } from 'vitest';
import type { Udt } from './metadata';
import { readDependencies } from './transit';

const STATIC_STRING_DEPENDENCY: Udt = {
  name: 'StaticStringDependency',
  size: 0,
  isReference: false,
  members: [],
};

function stringDependency(id: number, codec: number, bytes: number[]): number[] {
  const body = [id, 0, 0, 0, 0, 0, 0, 0, codec, bytes.length, 0, 0, 0, ...bytes];
  const size = body.length;
  return [0, size & 0xff, size >> 8, 0, 0, ...body];
}

describe('StaticStringDependency', () => {
  it('decodes the three codecs: ansi, utf-16le and utf-8', () => {
    const buffer = new Uint8Array([
      ...stringDependency(1, 0, [...Buffer.from('plain')]),
      ...stringDependency(2, 1, [...Buffer.from('wïde→', 'utf16le')]),
      ...stringDependency(3, 2, [...Buffer.from('ütf→8')]),
    ]);
    const deps = readDependencies(buffer, [STATIC_STRING_DEPENDENCY], {
      skippedDynamic: 0,
      membersRead: 0,
    });
    expect([...deps.entries()]).toEqual([
      [1, 'plain'],
      [2, 'wïde→'],
      [3, 'ütf→8'],
    ]);
  });

  it('rejects an unknown codec and an odd UTF-16 length with offsets', () => {
    const bad = new Uint8Array(stringDependency(1, 7, [65]));
    expect(() =>
      readDependencies(bad, [STATIC_STRING_DEPENDENCY], { skippedDynamic: 0, membersRead: 0 }),
    ).toThrow(/expected string codec 0, 1 or 2, got 7 at offset 13/);
    const odd = new Uint8Array(stringDependency(1, 1, [65, 0, 66]));
    expect(() =>
      readDependencies(odd, [STATIC_STRING_DEPENDENCY], { skippedDynamic: 0, membersRead: 0 }),
    ).toThrow(/expected an even UTF-16 byte length, got 3/);
  });

  it('skips and counts dynamic-size dependencies without a reader', () => {
    const udts: Udt[] = [
      { name: 'PropertySetDependency', size: 0, isReference: false, members: [] },
    ];
    const stats = { skippedDynamic: 0, membersRead: 0 };
    const deps = readDependencies(
      new Uint8Array([0, 2, 0, 0, 0, 9, 9, 0, 0, 0, 0, 0]),
      udts,
      stats,
    );
    expect(deps.size).toBe(0);
    expect(stats.skippedDynamic).toBe(2);
  });
});
