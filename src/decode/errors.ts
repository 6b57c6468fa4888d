// Typed decode errors: every rejection names the file, the block (when known), a byte offset and
// a reason phrased "expected X, got Y". No DOM, no Node APIs.

export type DecodeErrorKind =
  | 'not-micromegas' // the file is not a ProcessInfo, StreamInfo or Block
  | 'corrupt-envelope' // CBOR that looks like ours but misses or mistypes a field
  | 'corrupt-block' // a block whose payload cannot be decoded
  | 'unsupported' // well-formed data weft does not know how to read
  | 'inconsistent-timing'; // a block kept out of its process's time converter (block-timing.ts)

/** What a rejection cost: blocks whose events are lost, and their object count when readable. */
export interface Lost {
  blocks: number;
  /** The lost blocks' `nb_objects` (their events), when their header could be read. */
  objects?: number;
}

export interface Where {
  fileName: string;
  blockId?: string;
  offset?: number;
  lost?: Lost;
}

export class DecodeError extends Error {
  readonly kind: DecodeErrorKind;
  readonly fileName: string;
  readonly blockId: string | undefined;
  readonly offset: number | undefined;
  readonly reason: string;
  readonly lost: Lost | undefined;

  constructor(kind: DecodeErrorKind, where: Where, reason: string) {
    const at = where.offset === undefined ? '' : ` at offset ${where.offset}`;
    const block = where.blockId === undefined ? '' : ` block ${where.blockId}`;
    super(`${where.fileName}${block}: ${reason}${at}`);
    this.name = 'DecodeError';
    this.kind = kind;
    this.fileName = where.fileName;
    this.blockId = where.blockId;
    this.offset = where.offset;
    this.reason = reason;
    this.lost = where.lost;
  }
}

/** Raised inside the transit and async-event readers; the block decoder adds file and block. */
export class PayloadError extends Error {
  readonly offset: number;
  readonly reason: string;
  readonly buffer: 'dependencies' | 'objects' | 'payload';

  constructor(buffer: 'dependencies' | 'objects' | 'payload', offset: number, reason: string) {
    super(`${buffer} buffer: ${reason} at offset ${offset}`);
    this.name = 'PayloadError';
    this.buffer = buffer;
    this.offset = offset;
    this.reason = reason;
  }
}

/** A plain-data view of an error, safe to post between workers and to print. */
export interface RejectedInput {
  fileName: string;
  blockId?: string;
  offset?: number;
  kind: DecodeErrorKind;
  reason: string;
  message: string;
  /** Blocks (and events) this rejection lost; absent when it lost none or it is unknown. */
  lost?: Lost;
}

export function toRejected(error: DecodeError): RejectedInput {
  return {
    fileName: error.fileName,
    blockId: error.blockId,
    offset: error.offset,
    kind: error.kind,
    reason: error.reason,
    message: error.message,
    ...(error.lost && { lost: error.lost }),
  };
}
