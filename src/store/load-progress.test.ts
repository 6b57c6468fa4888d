import { describe, expect, it } from 'vitest';
import {
  currentPhase,
  emptyProgress,
  NO_STEPS,
  PHASE_NAMES,
  PHASE_WEIGHTS,
  phaseFractions,
  weightedFraction,
  type PhaseFractions,
} from './load-progress';

const progress = (over: object) => ({ ...emptyProgress(4), ...over });

/** Fractions with every phase done but `open`, which is at `at`. */
function allDoneBut(open: keyof PhaseFractions, at: number): PhaseFractions {
  const f = Object.fromEntries(PHASE_NAMES.map((n) => [n, 1])) as PhaseFractions;
  f[open] = at;
  return f;
}

describe('load progress over weighted phases', () => {
  it('weights sum to one', () => {
    const sum = PHASE_NAMES.reduce((s, n) => s + PHASE_WEIGHTS[n], 0);
    expect(sum).toBeCloseTo(1, 12);
  });

  it('reads each phase from its own measure', () => {
    const p = progress({ bytesRead: 80, bytesDone: 40, bytesTotal: 100 });
    expect(phaseFractions(p, NO_STEPS)).toEqual({
      reading: 0.8,
      decoding: 0.4,
      'laying out': 0,
      indexing: 0,
    });
    expect(phaseFractions(p, { laidOut: true, indexed: 0.25 })).toMatchObject({
      'laying out': 1,
      indexing: 0.25,
    });
    // without sizes, files merged stand for both reading and decoding
    expect(phaseFractions(progress({ filesDone: 1 }), NO_STEPS)).toMatchObject({
      reading: 0.25,
      decoding: 0.25,
    });
    expect(phaseFractions(null, NO_STEPS).reading).toBe(0);
  });

  it('is the weighted sum of the phases, each contributing its own share', () => {
    const f: PhaseFractions = { reading: 1, decoding: 0.5, 'laying out': 0, indexing: 0.2 };
    const expected =
      PHASE_WEIGHTS.reading + 0.5 * PHASE_WEIGHTS.decoding + 0.2 * PHASE_WEIGHTS.indexing;
    expect(weightedFraction(f)).toBeCloseTo(expected, 12);
    for (const name of PHASE_NAMES) {
      const half = allDoneBut(name, 0.5);
      expect(weightedFraction(half)).toBeCloseTo(1 - PHASE_WEIGHTS[name] / 2, 12);
    }
  });

  it('never shows 100% before every phase is done, and names the phase under way', () => {
    for (const name of PHASE_NAMES) {
      const f = allDoneBut(name, 0.9999999);
      expect(weightedFraction(f)).toBeLessThan(1);
      expect(currentPhase(f)).toBe(name);
    }
    const done = allDoneBut('indexing', 1);
    expect(weightedFraction(done)).toBe(1);
    expect(currentPhase(done)).toBeNull();
    // equal weights: a custom table is honoured too
    const quarter = Object.fromEntries(PHASE_NAMES.map((n) => [n, 0.25])) as PhaseFractions;
    expect(weightedFraction(allDoneBut('reading', 0), quarter)).toBeCloseTo(0.75, 12);
  });

  it('grows monotonically as any phase advances', () => {
    let f: PhaseFractions = { reading: 0, decoding: 0, 'laying out': 0, indexing: 0 };
    let last = weightedFraction(f);
    for (const name of PHASE_NAMES) {
      for (const at of [0.25, 0.5, 1]) {
        f = { ...f, [name]: at };
        const now = weightedFraction(f);
        expect(now).toBeGreaterThan(last);
        last = now;
      }
    }
    expect(last).toBe(1);
  });
});
