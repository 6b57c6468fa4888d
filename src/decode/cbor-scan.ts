// A bounded pre-scan of a CBOR body (RFC 8949) before cbor-x builds any object. Why hand-written:
// cbor-x expands value sharing (tags 28/29: a 60 KB body became gigabytes of objects), its record
// and packed-value extensions (more tags), and sizes arrays from their declared lengths before
// reading them. micromegas never sends a tag (its sink serializes plain serde structs with
// ciborium, rust/telemetry-sink/src/http_event_sink.rs), so any tag is refused here; with no tags,
// every decoded value costs at least one input byte and cbor-x's work is linear in the input.
// The scan also refuses declared counts and lengths larger than the bytes left, nesting deeper
// than MAX_DEPTH, and reserved encodings; and it keeps the root map's scalar fields it read before
// any failure, so a truncated block can still be named (block_id) and counted (nb_objects). It
// allocates nothing per item: one loop, an explicit stack. No DOM, no Node APIs.

/** micromegas bodies nest 5 deep (map → array → map → array → map); this leaves room. */
export const MAX_DEPTH = 32;

const UINT8_ARRAY_TAG = 64;

export type ScalarField = string | number | bigint | null;

export interface CborScan {
  /** Why the body must not be decoded, and where; undefined when it is safe for cbor-x. */
  error?: { reason: string; offset: number };
  /** Text-keyed fields of a root map read before any failure: scalars, or undefined for others. */
  fields: Map<string, ScalarField | undefined>;
}

/** Items left in an open container; -1 when indefinite (ends with a break byte). */
interface Frame {
  left: number;
  /** Item count so far (keys and values of a map both count). */
  index: number;
  /** Indefinite strings accept only chunks of this major type. */
  chunksOf?: number;
}

class ScanError extends Error {
  constructor(
    readonly reason: string,
    readonly offset: number,
  ) {
    super(reason);
  }
}

const utf8 = new TextDecoder('utf-8');

export function scanCbor(bytes: Uint8Array): CborScan {
  const scanner = new Scanner(bytes);
  try {
    scanner.run();
    return { fields: scanner.fields };
  } catch (error) {
    if (!(error instanceof ScanError)) throw error;
    return { error: { reason: error.reason, offset: error.offset }, fields: scanner.fields };
  }
}

class Scanner {
  readonly fields = new Map<string, ScalarField | undefined>();
  private pos = 0;
  private readonly stack: Frame[] = [];
  private rootIsMap = false;
  private key: string | undefined;

  constructor(private readonly bytes: Uint8Array) {}

  run(): void {
    if (this.bytes.length === 0) throw new ScanError('expected a CBOR item, got empty input', 0);
    this.item();
    while (this.stack.length > 0) {
      const top = this.stack[this.stack.length - 1];
      if (top.left === 0) this.stack.pop();
      else this.item();
    }
    if (this.pos !== this.bytes.length) {
      throw new ScanError(
        `expected end of input, got ${this.bytes.length - this.pos} more bytes`,
        this.pos,
      );
    }
  }

  /** Reads one item; a container is pushed and its items are read by `run`. */
  private item(): void {
    const start = this.pos;
    const top = this.stack[this.stack.length - 1];
    const ib = this.byte();
    if (ib === 0xff && top?.left === -1) {
      this.stack.pop();
      return;
    }
    if (top) {
      if (top.left > 0) top.left--;
      top.index++;
    }
    const major = ib >>> 5;
    if (top?.chunksOf !== undefined && (major !== top.chunksOf || (ib & 31) === 31)) {
      throw new ScanError(
        `expected a definite chunk of major type ${top.chunksOf}, got ${hex(ib)}`,
        start,
      );
    }
    const value = this.argument(ib, major, start);
    this.body(major, value, start);
  }

  private body(major: number, value: number, start: number): void {
    const indefinite = value === -1;
    if (major <= 1 || major === 7) return this.scalar(major, value, start);
    if (major === 6) return this.tag(value, start);
    if (major === 2 || major === 3) {
      if (indefinite) return this.push({ left: -1, index: 0, chunksOf: major }, start);
      this.need(value, start, major === 2 ? 'byte string' : 'text string');
      if (major === 3) this.scalarText(value);
      else this.noteField(undefined);
      this.pos += value;
      return;
    }
    const items = major === 5 && !indefinite ? value * 2 : value;
    if (!indefinite) this.need(items, start, major === 4 ? 'array items' : 'map entries');
    if (this.stack.length === 0 && major === 5) this.rootIsMap = true;
    this.push({ left: indefinite ? -1 : items, index: 0 }, start);
  }

  /** Only tag 64 (a uint8 typed array) on a definite byte string: cbor-x writes it. */
  private tag(value: number, start: number): void {
    const next = this.bytes[this.pos];
    if (value !== UINT8_ARRAY_TAG || next >>> 5 !== 2 || (next & 31) === 31) {
      throw new ScanError(`expected no CBOR tags (micromegas sends none), got tag ${value}`, start);
    }
    const length = this.argument(this.byte(), 2, start);
    this.need(length, start, 'byte string');
    this.pos += length;
    this.noteField(undefined);
  }

  private push(frame: Frame, start: number): void {
    this.noteField(undefined);
    if (this.stack.length >= MAX_DEPTH) {
      throw new ScanError(`expected nesting of at most ${MAX_DEPTH} levels, got deeper`, start);
    }
    this.stack.push(frame);
  }

  /** The argument of an initial byte (a count, length, value or tag number); -1 = indefinite. */
  private argument(ib: number, major: number, start: number): number {
    const info = ib & 31;
    this.lastArgument = undefined;
    if (info < 24) return info;
    if (info === 31) {
      if (major >= 2 && major <= 5) return -1;
      const what = major === 7 ? 'a break outside an indefinite item' : `indefinite major ${major}`;
      throw new ScanError(`expected a well-formed item, got ${what}`, start);
    }
    if (info > 27)
      throw new ScanError(`expected a well-formed item, got reserved ${hex(ib)}`, start);
    const size = 1 << (info - 24);
    this.need(size, this.pos, 'argument');
    let value = 0;
    for (let i = 0; i < size; i++) value = value * 256 + this.bytes[this.pos + i];
    this.lastArgument = size === 8 ? this.bigArgument() : undefined;
    this.pos += size;
    return value;
  }

  private lastArgument: bigint | undefined;

  private bigArgument(): bigint {
    let value = 0n;
    for (let i = 0; i < 8; i++) value = (value << 8n) | BigInt(this.bytes[this.pos + i]);
    return value;
  }

  private scalar(major: number, value: number, start: number): void {
    if (major === 7) return this.noteField(this.bytes[start] === 0xf6 ? null : undefined);
    const big = this.lastArgument;
    const exact = big !== undefined && big > BigInt(Number.MAX_SAFE_INTEGER);
    const n = exact ? (major === 0 ? big : -1n - big) : major === 0 ? value : -1 - value;
    this.lastArgument = undefined;
    this.noteField(n);
  }

  /** A text string: a root map's key, or the value of one. */
  private scalarText(length: number): void {
    if (!this.atRootField() || length > 256) return this.noteField(undefined);
    const text = utf8.decode(this.bytes.subarray(this.pos, this.pos + length));
    this.noteField(text);
  }

  private atRootField(): boolean {
    return this.rootIsMap && this.stack.length === 1;
  }

  /** Records the root map's key (even items) or its value (odd items). */
  private noteField(value: ScalarField | undefined): void {
    if (!this.atRootField()) return;
    const isKey = this.stack[0].index % 2 === 1;
    if (isKey) this.key = typeof value === 'string' ? value : undefined;
    else if (this.key !== undefined) this.fields.set(this.key, value);
  }

  private byte(): number {
    this.need(1, this.pos, 'an item');
    return this.bytes[this.pos++];
  }

  private need(n: number, at: number, what: string): void {
    const left = this.bytes.length - this.pos;
    if (n > left)
      throw new ScanError(`truncated CBOR: expected ${n} bytes of ${what}, got ${left}`, at);
  }
}

function hex(byte: number): string {
  return `0x${byte.toString(16).padStart(2, '0')}`;
}
