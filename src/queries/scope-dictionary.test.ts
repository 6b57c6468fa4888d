// numberScopes: the names and locations of the scopes the spans use, sorted and deduplicated,
// each span's index into them; a span whose scope key has no scope (the spans changed while the
// table was read) is an error, never a made-up name.
import { describe, expect, it } from 'vitest';
import { numberScopes, type ScopeText } from './scope-dictionary';

const scope = (name: string, filename: string, line = 1): ScopeText => ({
  name,
  filename,
  line,
  target: 't',
});

describe('numberScopes', () => {
  const scopes: (ScopeText | undefined)[] = [
    scope('b', 'x.rs', 2),
    undefined, // a key not read
    scope('a', 'y.rs'),
    scope('b', 'x.rs', 2), // same name and location as key 0
    scope('unused', 'z.rs'),
  ];

  it('numbers the used names and locations in text order', () => {
    const out = numberScopes(scopes, Int32Array.from([3, 0, 2, 2]));
    expect(out.names).toEqual(['a', 'b']);
    expect(out.locations).toEqual([
      { filename: 'x.rs', line: 2, target: 't' },
      { filename: 'y.rs', line: 1, target: 't' },
    ]);
    expect([...out.nameIndex].map((i) => out.names[i])).toEqual(['b', 'b', 'a', 'a']);
    expect([...out.locationIndex].map((i) => out.locations[i].filename)).toEqual([
      'x.rs',
      'x.rs',
      'y.rs',
      'y.rs',
    ]);
  });

  it('refuses a key without a scope: a hole, past the end, or negative', () => {
    for (const bad of [1, 5, 99, -1]) {
      expect(() => numberScopes(scopes, Int32Array.from([0, bad]))).toThrow(/spans changed/);
    }
  });
});
