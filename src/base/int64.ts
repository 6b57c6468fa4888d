// Exact 64-bit integers without a BigInt per value: read as two 32-bit halves, keyed as a number
// when the value is a safe integer, and added with an explicit carry.

const TWO_POW_32 = 4294967296;

/** A u64 read from a little-endian buffer: a number when exact, else a bigint. */
export function readU64Key(view: DataView, offset: number): number | bigint {
  const lo = view.getUint32(offset, true);
  const hi = view.getUint32(offset + 4, true);
  if (hi < 0x200000) return hi * TWO_POW_32 + lo;
  return (BigInt(hi) << 32n) | BigInt(lo);
}

/** A signed i64 as a number, exact when |value| < 2^53; `undefined` when it would lose bits. */
export function readI64Exact(view: DataView, offset: number): number | undefined {
  const lo = view.getUint32(offset, true);
  const hi = view.getInt32(offset + 4, true);
  if (hi >= 0x200000 || hi < -0x200000) return undefined;
  return hi * TWO_POW_32 + lo;
}

/** Copies 8 raw little-endian bytes into slot `index` of a BigInt64Array-backed Uint32Array. */
export function copyInt64(view: DataView, offset: number, out: Uint32Array, index: number): void {
  out[index * 2] = view.getUint32(offset, true);
  out[index * 2 + 1] = view.getUint32(offset + 4, true);
}

/**
 * Writes `base + delta` into slot `index` of a BigInt64Array seen as 32-bit halves. `base` is
 * given as its halves (see `splitInt64`); `delta` must be a safe integer.
 */
export function writeSum(
  baseLo: number,
  baseHi: number,
  delta: number,
  out: Uint32Array,
  index: number,
): void {
  const deltaHi = Math.floor(delta / TWO_POW_32);
  const deltaLo = delta - deltaHi * TWO_POW_32;
  const lo = baseLo + deltaLo;
  const carry = lo >= TWO_POW_32 ? 1 : 0;
  out[index * 2] = lo - carry * TWO_POW_32;
  out[index * 2 + 1] = (baseHi + deltaHi + carry) >>> 0;
}

export function splitInt64(value: bigint): { lo: number; hi: number } {
  const unsigned = BigInt.asUintN(64, value);
  return { lo: Number(unsigned & 0xffffffffn), hi: Number(unsigned >> 32n) };
}

export function toBigInt(value: unknown): bigint | undefined {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  return undefined;
}
