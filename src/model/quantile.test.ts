// quantilesInPlace (selection, no sort) equals quantileCont over the sorted values, on random
// arrays with many ties, sorted and reversed runs, one value, none.
import { describe, expect, test } from 'vitest';
import { quantileCont, quantilesDiscSteps, quantilesInPlace, quantilesSteps } from './quantile';
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

/** Runs steps one by one: their value and how many times they paused. */
function stepped<T>(steps: Generator<void, T, void>): [T, number] {
  let pauses = 0;
  let step = steps.next();
  for (; !step.done; step = steps.next()) pauses++;
  return [step.value, pauses];
}

test('in steps (300,000 values with ties): the sorted definitions, cont and disc', () => {
  const rand = seededRandom(11);
  const values = Float64Array.from({ length: 300_000 }, () => Math.floor(rand() * 50_000));
  const sorted = values.slice().sort();
  const [cont, contPauses] = stepped(quantilesSteps(values.slice(), QS));
  expect(contPauses).toBeGreaterThan(3); // a selection over 300,000 values pauses
  expect(cont).toEqual(QS.map((q) => quantileCont(sorted, q)));
  const [disc, discPauses] = stepped(quantilesDiscSteps(values.slice(), QS));
  expect(discPauses).toBeGreaterThan(3);
  const rank = (q: number) => Math.min(sorted.length - 1, Math.ceil(sorted.length * q) - 1);
  expect(disc).toEqual(QS.map((q) => sorted[rank(q)]));
});
