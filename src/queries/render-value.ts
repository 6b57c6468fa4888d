// Arrow cells as exact text for the SQL console and the CLI: 64- and 128-bit integers from their
// raw words, timestamps from their raw ticks as RFC 3339 UTC with 9 fraction digits (never through
// a JS Date, which keeps milliseconds only), intervals as DuckDB writes them. Reads raw buffers by
// type id, so tables from either copy of apache-arrow render alike. No React, no DuckDB.
import type { DataType, Vector } from 'apache-arrow';
import { formatEpochNs } from '../base/time';

/** The text of cell `i` of a one-chunk column vector, or null for SQL NULL. */
export type CellRenderer = (i: number) => string | null;

const TYPE_DECIMAL = 7;
const TYPE_DATE = 8;
const TYPE_TIMESTAMP = 10;
const TYPE_INTERVAL = 11;
const TYPE_FIXED_BINARY = 15;
const TYPE_BINARY = 4;
const TYPE_LIST = 12;
const TYPE_STRUCT = 13;
const TYPE_MAP = 17;
const TYPE_DURATION = 18;

/** Nanoseconds per unit of Arrow's TimeUnit (SECOND, MILLISECOND, MICROSECOND, NANOSECOND). */
const NS_PER_UNIT = [1_000_000_000n, 1_000_000n, 1_000n, 1n];
const DAY_MS = 86_400_000;

interface RawData {
  offset: number;
  values: ArrayLike<number | bigint>;
}

function raw(vector: Vector): RawData {
  return vector.data[0] as unknown as RawData;
}

/** A little-endian two's complement integer of `words` 32-bit words at word `start`. */
export function wordsToBigInt(values: ArrayLike<number>, start: number, words: number): bigint {
  let out = 0n;
  for (let w = words - 1; w >= 0; w--) out = (out << 32n) | BigInt(values[start + w] >>> 0);
  return BigInt.asIntN(words * 32, out);
}

/** An unscaled decimal integer as text with `scale` fraction digits. */
export function formatDecimal(unscaled: bigint, scale: number): string {
  if (scale <= 0) return unscaled.toString();
  const sign = unscaled < 0n ? '-' : '';
  const digits = (unscaled < 0n ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  return `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** DuckDB's interval text: "1 month 2 days 03:04:05.123456789" (fraction zeros trimmed). */
export function formatInterval(months: number, days: number, nanos: bigint): string {
  const parts: string[] = [];
  if (months !== 0) parts.push(`${months} month${Math.abs(months) === 1 ? '' : 's'}`);
  if (days !== 0) parts.push(`${days} day${Math.abs(days) === 1 ? '' : 's'}`);
  if (nanos !== 0n || parts.length === 0) {
    const sign = nanos < 0n ? '-' : '';
    const abs = nanos < 0n ? -nanos : nanos;
    const seconds = abs / 1_000_000_000n;
    const fraction = abs % 1_000_000_000n;
    const hms = [seconds / 3600n, (seconds / 60n) % 60n, seconds % 60n]
      .map((n) => n.toString().padStart(2, '0'))
      .join(':');
    const digits = fraction.toString().padStart(9, '0').replace(/0+$/, '');
    parts.push(`${sign}${hms}${digits ? `.${digits}` : ''}`);
  }
  return parts.join(' ');
}

function toJsonText(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v));
}

function rawRenderer(vector: Vector, type: DataType): CellRenderer | undefined {
  const { offset, values } = raw(vector);
  const unit = (type as unknown as { unit: number }).unit;
  switch (type.typeId) {
    case TYPE_TIMESTAMP:
      return (i) => formatEpochNs(BigInt(values[offset + i]) * NS_PER_UNIT[unit]);
    case TYPE_DURATION:
      return (i) => `${BigInt(values[offset + i]) * NS_PER_UNIT[unit]} ns`;
    case TYPE_DECIMAL: {
      const words = (type as unknown as { bitWidth: number }).bitWidth / 32;
      const scale = (type as unknown as { scale: number }).scale;
      const w = values as ArrayLike<number>;
      return (i) => formatDecimal(wordsToBigInt(w, (offset + i) * words, words), scale);
    }
    case TYPE_INTERVAL: {
      if (unit !== 2) return undefined; // only MONTH_DAY_NANO comes from DuckDB
      const w = values as ArrayLike<number>;
      const at = (i: number) => (offset + i) * 4;
      return (i) => formatInterval(w[at(i)], w[at(i) + 1], wordsToBigInt(w, at(i) + 2, 2));
    }
  }
  return undefined;
}

function valueRenderer(vector: Vector, type: DataType): CellRenderer {
  const get = (i: number) => vector.get(i) as unknown;
  switch (type.typeId) {
    case TYPE_DATE:
      return (i) =>
        new Date(Math.round(Number(get(i)) / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
    case TYPE_BINARY:
    case TYPE_FIXED_BINARY:
      return (i) => hex(get(i) as Uint8Array);
    case TYPE_LIST:
    case TYPE_STRUCT:
    case TYPE_MAP:
      return (i) => toJsonText(get(i));
  }
  return (i) => {
    const value = get(i);
    return typeof value === 'object' && value !== null ? toJsonText(value) : String(value);
  };
}

function hex(bytes: Uint8Array): string {
  let out = '\\x';
  for (const b of bytes) out += b.toString(16).padStart(2, '0').toUpperCase();
  return out;
}

/** The renderer of a one-chunk column vector (one record batch's column). */
export function cellRenderer(vector: Vector): CellRenderer {
  const type = vector.type as DataType;
  const render = rawRenderer(vector, type) ?? valueRenderer(vector, type);
  return (i) => (vector.isValid(i) ? render(i) : null);
}
