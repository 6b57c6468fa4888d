// Stable ordering of items by a double key, without a comparator: an LSD radix sort on the key's
// IEEE-754 bits, 16 bits a pass (passes whose digit is the same for every item are skipped). It
// gives what a stable sort with (a, b) => key[a] - key[b] gives, in a few linear passes: sorting
// 1.76M span begins with a comparator took ~0.4 s, this ~40 ms. Keys must not be NaN (they sort
// after +Infinity here); -0 and +0 are equal keys, as for the comparator. Dependency-free.

const DIGITS = 1 << 16;

/** The keys as unsigned 64-bit words (lo, hi) that order as the doubles do. */
function sortableWords(key: Float64Array, items: ArrayLike<number> | null, n: number) {
  const copy = new Float64Array(n);
  if (items)
    for (let k = 0; k < n; k++) copy[k] = key[items[k]] + 0; // -0 + 0 is +0
  else for (let k = 0; k < n; k++) copy[k] = key[k] + 0;
  const words = new Uint32Array(copy.buffer);
  const lo = new Uint32Array(n);
  const hi = new Uint32Array(n);
  for (let k = 0; k < n; k++) {
    const h = words[2 * k + 1];
    const negative = h >= 0x80000000;
    hi[k] = negative ? ~h >>> 0 : (h | 0x80000000) >>> 0;
    lo[k] = negative ? ~words[2 * k] >>> 0 : words[2 * k];
  }
  return { lo, hi };
}

/**
 * The positions 0..n-1 of the items in stable order of their keys: position k's key is
 * key[items[k]] (key[k] without items).
 */
function sortedPositions(key: Float64Array, items: ArrayLike<number> | null): Uint32Array {
  const n = items ? items.length : key.length;
  const { lo, hi } = sortableWords(key, items, n);
  let from = new Uint32Array(n);
  for (let k = 0; k < n; k++) from[k] = k;
  let to = new Uint32Array(n);
  const count = new Int32Array(DIGITS);
  for (let pass = 0; pass < 4; pass++) {
    const words = pass < 2 ? lo : hi;
    const shift = (pass & 1) * 16;
    count.fill(0);
    for (let k = 0; k < n; k++) count[(words[k] >>> shift) & 0xffff]++;
    if (n === 0 || count[(words[0] >>> shift) & 0xffff] === n) continue;
    for (let d = 0, sum = 0; d < DIGITS; d++) {
      const c = count[d];
      count[d] = sum;
      sum += c;
    }
    for (let k = 0; k < n; k++) {
      const p = from[k];
      to[count[(words[p] >>> shift) & 0xffff]++] = p;
    }
    [from, to] = [to, from];
  }
  return from;
}

/** The indices 0..key.length-1 in stable order of key[i] (ties keep index order). */
export function indicesByKey(key: Float64Array): Uint32Array {
  return sortedPositions(key, null);
}

/** `items` in stable order of key[item] (ties keep their order in `items`); a new array. */
export function itemsByKey(items: Int32Array, key: Float64Array): Int32Array {
  const positions = sortedPositions(key, items);
  const out = new Int32Array(items.length);
  for (let k = 0; k < positions.length; k++) out[k] = items[positions[k]];
  return out;
}
