// quantilesInPlace (selection, no sort) equals quantileCont over the sorted values, on random
// arrays with many ties, sorted and reversed runs, one value, none.
import { describe, expect, test } from 'vitest';
import { quantileCont, quantilesInPlace } from './quantile';
import { seededRandom } from './testing';

const QS = [0.5, 0.9, 0.99];

function check(values: number[]) {
  const sorted = Float64Array.from(values).sort();
  const want = QS.map((q) => quantileCont(sorted, q));
  expect(quantilesInPlace(Float64Array.from(values), QS)).toEqual(want);
}

describe('quantiles by selection', () => {
  test('random arrays, with ties', () => {
    const rand = seededRandom(7);
    for (let t = 0; t < 300; t++) {
      const n = 1 + Math.floor(rand() * 400);
      const spread = rand() < 0.5 ? 5 : 1e7;
      check(Array.from({ length: n }, () => Math.floor(rand() * spread)));
    }
  });

  test('sorted, reversed, constant, single, empty', () => {
    const up = Array.from({ length: 1000 }, (_, i) => i * 3);
    check(up);
    check([...up].reverse());
    check(new Array(77).fill(42));
    check([5]);
    expect(quantilesInPlace(new Float64Array(0), QS)).toEqual([NaN, NaN, NaN]);
  });
});
