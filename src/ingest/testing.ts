// Test helpers (Node only) for ingest's span columns.
import type { SpanColumns } from './span-accumulator';

/** Names of the columns that differ, byte for byte (toEqual is slow on 10^5-long columns). */
export function differingColumns(a: SpanColumns, b: SpanColumns): string[] {
  if (a.length !== b.length) return ['length'];
  const bytes = (c: ArrayBufferView) => Buffer.from(c.buffer, c.byteOffset, c.byteLength);
  return (Object.keys(a) as (keyof SpanColumns)[]).filter((name) => {
    const [x, y] = [a[name], b[name]];
    if (typeof x === 'number' || typeof y === 'number') return x !== y;
    return x.constructor !== y.constructor || !bytes(x).equals(bytes(y));
  });
}
