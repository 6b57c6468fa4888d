// Time units and conversions. Absolute times are bigint nanoseconds since the Unix epoch (they
// exceed 2^53); durations and offsets inside one capture are plain numbers of nanoseconds.

export type EpochNs = bigint;

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|z|[+-]\d{2}:\d{2})$/;

/** Parses RFC 3339 text with up to 9 fraction digits into exact epoch nanoseconds. */
export function parseRfc3339Ns(text: string): EpochNs | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac = '', zone] = m;
  const epochMs = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
  if (!Number.isFinite(epochMs)) return undefined;
  let offsetMin = 0;
  if (zone !== 'Z' && zone !== 'z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    offsetMin = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  }
  const fractionNs = BigInt(frac.padEnd(9, '0'));
  return (BigInt(epochMs) - BigInt(offsetMin * 60_000)) * 1_000_000n + fractionNs;
}

/** Formats epoch nanoseconds as RFC 3339 UTC with 9 fraction digits. */
export function formatEpochNs(ns: EpochNs): string {
  const ms = ns / 1_000_000n - (ns % 1_000_000n < 0n ? 1n : 0n);
  const subMs = ns - ms * 1_000_000n;
  const iso = new Date(Number(ms)).toISOString(); // 2026-11-27T00:30:20.922Z
  return `${iso.slice(0, 23)}${subMs.toString().padStart(6, '0')}Z`;
}

/** Rounds half away from zero, as Rust's f64::round does (Math.round rounds half up). */
export function roundHalfAwayFromZero(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** Human duration with an adaptive unit: 950 ns, 12.3 µs, 4.56 ms, 1.23 s. */
export function formatDurationNs(ns: number): string {
  const abs = Math.abs(ns);
  if (abs < 1e3) return `${Math.round(ns)} ns`;
  if (abs < 1e6) return `${(ns / 1e3).toPrecision(3)} µs`;
  if (abs < 1e9) return `${(ns / 1e6).toPrecision(3)} ms`;
  return `${(ns / 1e9).toPrecision(3)} s`;
}
