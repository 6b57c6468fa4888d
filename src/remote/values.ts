// Reading result columns exactly, whatever the server chose for their Arrow types: text (plain
// or dictionary-encoded, as analytics-web-srv often sends it), integers of any width as bigint,
// timestamps of any unit as epoch nanoseconds read from the raw int64 buffer (apache-arrow's
// getter rounds them to milliseconds), binary. Missing columns are a protocol error. No DOM.
import { DataType, type Table, type Vector } from 'apache-arrow';
import { protocolError } from './errors';

function column(table: Table, name: string): Vector {
  const vector = table.getChild(name);
  if (!vector) {
    const have = table.schema.fields.map((f) => f.name).join(', ');
    throw protocolError(`the result has no column "${name}" (it has: ${have})`);
  }
  return vector;
}

export function texts(table: Table, name: string): (string | null)[] {
  const vector = column(table, name);
  const out: (string | null)[] = new Array(vector.length);
  for (let i = 0; i < vector.length; i++) {
    const value: unknown = vector.get(i);
    out[i] = value === null || value === undefined ? null : String(value);
  }
  return out;
}

export function bigints(table: Table, name: string): (bigint | null)[] {
  const vector = column(table, name);
  const out: (bigint | null)[] = new Array(vector.length);
  for (let i = 0; i < vector.length; i++) {
    const value: unknown = vector.get(i);
    out[i] = value === null || value === undefined ? null : toBigInt(value);
  }
  return out;
}

function toBigInt(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  if (typeof value === 'boolean') return value ? 1n : 0n;
  throw protocolError(`expected an integer, got ${String(value)}`);
}

/** Nanoseconds per unit of Arrow's TimeUnit (SECOND, MILLISECOND, MICROSECOND, NANOSECOND). */
const NS_PER_UNIT = [1_000_000_000n, 1_000_000n, 1_000n, 1n];

/** Epoch nanoseconds of a timestamp column, exact. */
export function timestampsNs(table: Table, name: string): (bigint | null)[] {
  const vector = column(table, name);
  if (!DataType.isTimestamp(vector.type))
    throw protocolError(`column "${name}" is ${String(vector.type)}, expected a timestamp`);
  const scale = NS_PER_UNIT[vector.type.unit];
  const out: (bigint | null)[] = [];
  for (const data of vector.data) {
    const values = data.values as unknown as BigInt64Array;
    for (let i = 0; i < data.length; i++)
      out.push(data.getValid(i) ? BigInt(values[i]) * scale : null);
  }
  return out;
}

export function binaries(table: Table, name: string): (Uint8Array | null)[] {
  const vector = column(table, name);
  const out: (Uint8Array | null)[] = new Array(vector.length);
  for (let i = 0; i < vector.length; i++) {
    const value: unknown = vector.get(i);
    out[i] = value instanceof Uint8Array ? value : null;
  }
  return out;
}

export function textLists(table: Table, name: string): string[][] {
  const vector = column(table, name);
  const out: string[][] = new Array(vector.length);
  for (let i = 0; i < vector.length; i++) {
    const value = vector.get(i) as Iterable<unknown> | null;
    out[i] = value ? [...value].map((v) => String(v)) : [];
  }
  return out;
}

/** A JSON object of text values (properties as `jsonb_format_json` prints them); {} if absent. */
export function parseProperties(json: string | null): Record<string, string> {
  if (!json) return {};
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(value)) out[k] = typeof v === 'string' ? v : String(v);
    return out;
  } catch {
    return {};
  }
}
