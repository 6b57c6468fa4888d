// micromegas analytics' `compute_scope_hash`: xxh32(name, 0) → xxh32(filename, prev) →
// xxh32(target, prev) → xxh32(line as 4 little-endian bytes, prev), unsigned. Memoized: a trace
// has few distinct scopes and many events.
import { xxh32, xxh32String } from './xxh32';

const cache = new Map<string, number>();
const lineBytes = new Uint8Array(4);
const lineView = new DataView(lineBytes.buffer);

export function scopeHash(name: string, filename: string, target: string, line: number): number {
  const key = `${name}\u0000${filename}\u0000${target}\u0000${line}`;
  let hash = cache.get(key);
  if (hash === undefined) {
    hash = xxh32String(name, 0);
    hash = xxh32String(filename, hash);
    hash = xxh32String(target, hash);
    lineView.setUint32(0, line, true);
    hash = xxh32(lineBytes, hash);
    cache.set(key, hash);
  }
  return hash;
}
