// The radix orders (key-order.ts) against a stable comparator sort of the same keys: negative,
// zero of either sign, ties, huge and tiny magnitudes, infinities, subsets of items.
import { describe, expect, it } from 'vitest';
import { indicesByKey, itemsByKey } from './key-order';
import { seededRandom as random } from './testing';

function byComparator(items: number[], key: Float64Array): number[] {
  return [...items].sort((a, b) => key[a] - key[b] || items.indexOf(a) - items.indexOf(b));
}

const specials = [0, -0, 1, -1, 0.5, -0.5, 2 ** 53, -(2 ** 53), 2 ** 63, -(2 ** 63), 1e-300];
const infinities = [Infinity, -Infinity, Number.MAX_VALUE, -Number.MAX_VALUE];

function keys(n: number, seed: number): Float64Array {
  const rand = random(seed);
  const pick = (): number => {
    const r = rand();
    if (r < 0.2) return specials[Math.floor(rand() * specials.length)];
    if (r < 0.25) return infinities[Math.floor(rand() * infinities.length)];
    if (r < 0.5) return Math.floor(rand() * 20) - 10; // many ties
    if (r < 0.75) return Math.round((rand() - 0.5) * 2 ** 60); // beyond 2^53
    return (rand() - 0.5) * 1e12;
  };
  return Float64Array.from({ length: n }, pick);
}

describe('radix order by a double key', () => {
  it('equals a stable comparator sort of every index', () => {
    for (const seed of [1, 2, 3]) {
      const key = keys(3000, seed);
      const all = Array.from({ length: key.length }, (_, i) => i);
      expect([...indicesByKey(key)]).toEqual(byComparator(all, key));
    }
  });

  it('orders a subset of items, ties keeping their order in the subset', () => {
    const key = keys(2000, 7);
    const rand = random(8);
    const items = Int32Array.from({ length: 700 }, () => Math.floor(rand() * key.length));
    const unique = [...new Set(items)];
    const sorted = itemsByKey(Int32Array.from(unique), key);
    expect([...sorted]).toEqual(byComparator(unique, key));
  });

  it('orders keys whose words differ in one digit only (the other passes are skipped)', () => {
    const rand = random(11);
    for (let bit = 0; bit < 52; bit += 5) {
      // span begins in ns: a common part, and a few bits that vary from key to key
      const key = Float64Array.from(
        { length: 500 },
        () => 2 ** 40 + Math.floor(rand() * 8) * 2 ** bit,
      );
      const all = Array.from({ length: key.length }, (_, i) => i);
      expect([...indicesByKey(key)]).toEqual(byComparator(all, key));
    }
  });

  it('keeps sorted and empty inputs, and -0 and +0 as equal keys', () => {
    expect([...indicesByKey(new Float64Array(0))]).toEqual([]);
    expect([...indicesByKey(Float64Array.from([1, 2, 3]))]).toEqual([0, 1, 2]);
    expect([...indicesByKey(Float64Array.from([0, -0, 0, -0]))]).toEqual([0, 1, 2, 3]);
    expect([...indicesByKey(Float64Array.from([-0, -1e-9, 0]))]).toEqual([1, 0, 2]);
  });
});
