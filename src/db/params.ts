// Query parameters as DuckDB-WASM binds them: JSON-encoded, so a bigint travels as a number when
// exact and as text otherwise (the SQL casts it). No React.
import type { SqlParam } from './db';

export function jsonParam(value: SqlParam): string | number | boolean | null {
  if (typeof value !== 'bigint') return value;
  const asNumber = Number(value);
  return Number.isSafeInteger(asNumber) ? asNumber : value.toString();
}
