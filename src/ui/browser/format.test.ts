import { describe, expect, it } from 'vitest';
import { formatAgo, formatUtc, isoToLocalInput, localInputToIso } from './format';

describe('browser formatting', () => {
  it('shows UTC times and ages', () => {
    expect(formatUtc('2026-01-02T10:04:05.123456789Z')).toBe('2026-01-02 10:04:05');
    expect(formatUtc(null)).toBe('—');
    expect(formatUtc('garbage')).toBe('—');
    const now = Date.parse('2026-01-02T10:05:00Z');
    expect(formatAgo('2026-01-02T10:04:55Z', now)).toBe('5 s ago');
    expect(formatAgo('2026-01-02T09:05:00Z', now)).toBe('1 h ago');
    expect(formatAgo('2026-01-02T10:06:00Z', now)).toBe('');
  });

  it('round-trips datetime-local values through RFC 3339', () => {
    const iso = localInputToIso('2026-03-04T05:06');
    expect(iso).not.toBeNull();
    expect(isoToLocalInput(iso)).toBe('2026-03-04T05:06');
    expect(localInputToIso('')).toBeNull();
  });
});
