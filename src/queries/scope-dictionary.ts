// The span table's names and locations (src/model/span-table.ts): the distinct names and
// (filename, line, target) locations of the scopes a process's spans use, sorted, and each scope
// key's index into them. Shared by the two ways a span table is built (span-table.ts from the
// database, span-table-columns.ts from ingest's columns), so both number them the same. No React.
import type { SpanTable } from '../model/span-table';

type Location = SpanTable['locations'][number];

export interface ScopeText extends Location {
  name: string;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const locationKey = (l: Location) => `${l.filename}\u0000${l.line}\u0000${l.target}`;

function spansChanged(): never {
  // The spans and their scopes are read one after the other: a reset in between loses keys.
  throw new Error('the spans changed while the span table was read');
}

/**
 * Names and locations of the scopes used by `scopeKey` (one key per span), and each span's
 * index into them. `scopes` is indexed by scope key (holes for keys not read).
 */
export function numberScopes(scopes: (ScopeText | undefined)[], scopeKey: Int32Array) {
  const used = new Uint8Array(scopes.length);
  for (let i = 0; i < scopeKey.length; i++) {
    const k = scopeKey[i];
    if (!(k >= 0 && k < used.length)) spansChanged();
    used[k] = 1;
  }
  // each key used looked up once, not once per span (1.76M spans: ~40 ms)
  const keys = [...used.keys()].filter((k) => used[k] === 1);
  if (keys.some((k) => !scopes[k])) spansChanged();
  const names = [...new Set(keys.map((k) => scopes[k]!.name))].sort(byText);
  const byLocation = new Map(keys.map((k) => [locationKey(scopes[k]!), scopes[k]!] as const));
  const locationKeys = [...byLocation.keys()].sort(byText);
  const locations = locationKeys.map((k) => {
    const { filename, line, target } = byLocation.get(k)!;
    return { filename, line, target };
  });
  const nameAt = new Map(names.map((n, i) => [n, i]));
  const locationAt = new Map(locationKeys.map((k, i) => [k, i]));
  const nameOf = new Uint32Array(scopes.length);
  const locationOf = new Uint32Array(scopes.length);
  for (const k of keys) {
    nameOf[k] = nameAt.get(scopes[k]!.name)!;
    locationOf[k] = locationAt.get(locationKey(scopes[k]!))!;
  }
  const nameIndex = new Uint32Array(scopeKey.length);
  const locationIndex = new Uint32Array(scopeKey.length);
  for (let i = 0; i < scopeKey.length; i++) {
    nameIndex[i] = nameOf[scopeKey[i]];
    locationIndex[i] = locationOf[scopeKey[i]];
  }
  return { names, locations, nameIndex, locationIndex };
}
