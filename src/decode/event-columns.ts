// Columnar async events of one block: typed arrays, one slot per event, strings dictionary-encoded
// through a per-block scope table. 64-bit columns are written as 32-bit halves (no BigInt per event).

export const BEGIN = 0;
export const END = 1;

export interface Scope {
  name: string;
  filename: string;
  target: string;
  line: number;
  /** micromegas analytics' scope hash: xxh32 chain over name, filename, target, line. */
  hash: number;
}

export interface AsyncEventColumns {
  length: number;
  /** Raw `time` member of each event, in process ticks. */
  ticks: BigInt64Array;
  /** BEGIN or END. */
  eventType: Uint8Array;
  spanId: BigInt64Array;
  parentSpanId: BigInt64Array;
  depth: Uint32Array;
  /** Index into the block's scope table. */
  scope: Uint32Array;
}

/** Grows geometrically while a block is read, then trims to the exact length. */
export class EventColumnsBuilder {
  length = 0;
  private capacity: number;
  ticks: Uint32Array;
  spanId: Uint32Array;
  parentSpanId: Uint32Array;
  eventType: Uint8Array;
  depth: Uint32Array;
  scope: Uint32Array;

  constructor(initialCapacity: number) {
    this.capacity = Math.max(16, initialCapacity);
    this.ticks = new Uint32Array(this.capacity * 2);
    this.spanId = new Uint32Array(this.capacity * 2);
    this.parentSpanId = new Uint32Array(this.capacity * 2);
    this.eventType = new Uint8Array(this.capacity);
    this.depth = new Uint32Array(this.capacity);
    this.scope = new Uint32Array(this.capacity);
  }

  /** Reserves the next slot and returns its index. */
  push(): number {
    if (this.length === this.capacity) this.grow();
    return this.length++;
  }

  private grow(): void {
    this.capacity *= 2;
    this.ticks = resized(this.ticks, this.capacity * 2);
    this.spanId = resized(this.spanId, this.capacity * 2);
    this.parentSpanId = resized(this.parentSpanId, this.capacity * 2);
    this.eventType = resized(this.eventType, this.capacity);
    this.depth = resized(this.depth, this.capacity);
    this.scope = resized(this.scope, this.capacity);
  }

  finish(): AsyncEventColumns {
    const n = this.length;
    return {
      length: n,
      ticks: new BigInt64Array(this.ticks.slice(0, n * 2).buffer),
      eventType: this.eventType.slice(0, n),
      spanId: new BigInt64Array(this.spanId.slice(0, n * 2).buffer),
      parentSpanId: new BigInt64Array(this.parentSpanId.slice(0, n * 2).buffer),
      depth: this.depth.slice(0, n),
      scope: this.scope.slice(0, n),
    };
  }
}

function resized<T extends Uint8Array | Uint32Array>(array: T, length: number): T {
  const out = new (array.constructor as new (n: number) => T)(length);
  out.set(array);
  return out;
}
