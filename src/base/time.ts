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
  const offsetMin = zoneOffsetMinutes(zone);
  if (offsetMin === undefined || !validFields(+y, +mo, +d, +h, +mi, +s)) return undefined;
  const date = new Date(0); // setUTCFullYear: years 0..99 are not shifted to 19xx as Date.UTC does
  date.setUTCFullYear(+y, +mo - 1, +d);
  date.setUTCHours(+h, +mi, +s, 0);
  const fractionNs = BigInt(frac.padEnd(9, '0'));
  return (BigInt(date.getTime()) - BigInt(offsetMin * 60_000)) * 1_000_000n + fractionNs;
}

/** Strict ranges: month 1–12, a day of that month, hours 0–23, minutes and seconds 0–59. */
function validFields(y: number, mo: number, d: number, h: number, mi: number, s: number) {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return false;
  const daysInMonth = new Date(Date.UTC(2000, mo, 0)).getUTCDate(); // a leap year: Feb = 29
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (mo === 2 && !leap ? 28 : daysInMonth);
}

/** Minutes east of UTC for `Z` or `±hh:mm` (hours 0–23, minutes 0–59); undefined when invalid. */
function zoneOffsetMinutes(zone: string): number | undefined {
  if (zone === 'Z' || zone === 'z') return 0;
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(4, 6));
  if (hours > 23 || minutes > 59) return undefined;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
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
