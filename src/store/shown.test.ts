import { describe, expect, it } from 'vitest';
import { initialAppState, type AppState } from './app-state';
import { inputsLabel } from './load-progress';
import { EMPTY_ISSUES, appendIssues } from './load-reporter';
import { errorsOf, freshProcess, shownStatus, withOrigins } from './shown';
import { summaryOf } from './testing';

const a = summaryOf('a', 3);
const b = summaryOf('b', 5);

function state(patch: Partial<AppState>): AppState {
  return { ...initialAppState(), ...patch };
}

describe('shown process', () => {
  it('records the origin of processes that have none', () => {
    const first = withOrigins({}, [a], { label: 'a.cbor', loadId: 1 });
    expect(withOrigins(first, [a, b], { label: 'dir', loadId: 2 })).toEqual({
      a: { label: 'a.cbor', loadId: 1 },
      b: { label: 'dir', loadId: 2 },
    });
    expect(withOrigins(first, [a], { label: 'x', loadId: 3 })).toBe(first);
  });

  it('picks the fresh process with the most spans', () => {
    expect(freshProcess([a, b], new Set())).toBe('b');
    expect(freshProcess([a, b], new Set(['b']))).toBe('a');
    expect(freshProcess([a, b], new Set(['a', 'b']))).toBeNull();
  });

  it('counts errors of the shown process’s loads and of loads that brought no process', () => {
    const origins = { a: { label: 'a', loadId: 1 }, b: { label: 'b', loadId: 2 } };
    const errors = [1, 2, 2, 3].map((loadId) => ({ fileName: 'f', reason: 'r', loadId }));
    const skipped = { kind: 'not-micromegas', fileName: 'n.txt', reason: 'r', loadId: 1 };
    const issues = appendIssues(EMPTY_ISSUES, [...errors, skipped]);
    expect(issues.errorsByLoad).toEqual({ 1: 1, 2: 2, 3: 1 });
    expect(errorsOf(issues, origins, 'a')).toBe(2);
    expect(errorsOf(issues, origins, 'b')).toBe(3);
    expect(errorsOf(issues, origins, null)).toBe(4);
  });

  it('describes the shown process next to the number loaded', () => {
    const origins = { a: { label: 'a.cbor', loadId: 1 }, b: { label: 'dir', loadId: 2 } };
    const counts = { processes: 2, threads: 2, spans: 8, events: 16 };
    const s = state({ processes: [a, b], origins, counts, sourceLabel: 'dir' });
    expect(shownStatus(s, 'a')).toMatchObject({
      processes: 2,
      threads: a.threads,
      spans: a.spans,
      events: a.events,
      errors: 0,
      label: 'a.cbor',
      process: a,
    });
    expect(shownStatus(s, null)).toMatchObject({ ...counts, label: 'dir', process: null });
    expect(shownStatus(s, 'a').counting).toBe(false);
    expect(shownStatus(s, null).counting).toBe(false);
  });

  it('says a previewed process is still being counted, not that it has 0 spans', () => {
    const preview = { fraction: 0.1, spans: 1234 };
    const s = state({ processes: [a], preview });
    expect(shownStatus(s, 'new')).toMatchObject({ process: null, counting: true });
    // a listed process has its counts (an additive load previewing it again)
    expect(shownStatus(s, 'a')).toMatchObject({ process: a, counting: false });
  });
});

describe('inputsLabel', () => {
  it('names one file, a common folder, or a count', () => {
    expect(inputsLabel([{ path: 'a.cbor' }])).toBe('a.cbor');
    expect(inputsLabel([{ path: 'mixed/process.cbor' }, { path: 'mixed/s/b.cbor' }])).toBe(
      'mixed/ (2 files)',
    );
    expect(inputsLabel([{ path: 'a.cbor' }, { path: 'x/b.cbor' }])).toBe('2 files');
  });
});
