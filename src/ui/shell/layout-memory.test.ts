import { describe, expect, it } from 'vitest';
import { DEFAULT_SPLIT, readSplit, writeSplit, type SplitStorage } from './layout-memory';

function memoryStorage(initial: string | null = null): SplitStorage & { value: string | null } {
  const s = {
    value: initial,
    getItem: () => s.value,
    setItem: (_key: string, value: string) => void (s.value = value),
  };
  return s;
}

describe('the workspace split, remembered', () => {
  it('reads back what it wrote', () => {
    const storage = memoryStorage();
    const split = { timeline: 0.7, histogram: 0.25, sql: 0.4 };
    writeSplit(split, storage);
    expect(readSplit(storage)).toEqual(split);
  });

  it('gives the defaults without storage, with nothing stored, or with junk', () => {
    expect(readSplit(null)).toEqual(DEFAULT_SPLIT);
    expect(readSplit(memoryStorage())).toEqual(DEFAULT_SPLIT);
    for (const junk of ['{', '"x"', '42', '[]', 'null', '{"timeline":"0.5"}', '<b>x</b>'])
      expect(readSplit(memoryStorage(junk))).toEqual(DEFAULT_SPLIT);
  });

  it('keeps each usable field and defaults the others', () => {
    const stored = JSON.stringify({ timeline: 0.3, histogram: 7, sql: -1 });
    expect(readSplit(memoryStorage(stored))).toEqual({
      ...DEFAULT_SPLIT,
      timeline: 0.3,
    });
  });

  it('clamps what it writes, and a refused write or read changes nothing', () => {
    const storage = memoryStorage();
    writeSplit({ timeline: 2, histogram: 0, sql: Number.NaN }, storage);
    const read = readSplit(storage);
    expect(read.timeline).toBeLessThan(1);
    expect(read.histogram).toBeGreaterThan(0);
    expect(read.sql).toBe(DEFAULT_SPLIT.sql);
    const refusing: SplitStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(() => writeSplit(DEFAULT_SPLIT, refusing)).not.toThrow();
    expect(readSplit(refusing)).toEqual(DEFAULT_SPLIT);
  });
});
