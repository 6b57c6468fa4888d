// Checks one ingestion body before it is stored: it must be a micromegas ProcessInfo, StreamInfo
// or Block (decoded with src/decode's envelope reader) of the kind the route expects, with UUID
// ids, and it maps to exactly one path in its process's capture folder. No I/O.
import { readEnvelope, type Envelope } from '../decode/envelope';
import { DecodeError } from '../decode/errors';
import { blockFile, canonicalUuid, PROCESS_FILE, streamFile, type CaptureFileKind } from './ids';

export interface CheckedBody {
  envelope: Envelope;
  processId: string;
  /** Relative path in the process's capture folder. */
  path: string;
}

export type BodyCheck = { ok: true; body: CheckedBody } | { ok: false; reason: string };

const NAMES: Record<CaptureFileKind, string> = {
  process: 'ProcessInfo',
  stream: 'StreamInfo',
  block: 'Block',
};

function uuid(value: string, field: string): string {
  const id = canonicalUuid(value);
  if (id === undefined)
    throw new TypeError(`expected a UUID '${field}', got ${JSON.stringify(value.slice(0, 80))}`);
  return id;
}

function locate(envelope: Envelope): CheckedBody {
  if (envelope.kind === 'process') {
    const processId = uuid(envelope.process.processId, 'process_id');
    return { envelope, processId, path: PROCESS_FILE };
  }
  if (envelope.kind === 'stream') {
    const { processId, streamId } = envelope.stream;
    const path = streamFile(uuid(streamId, 'stream_id'));
    return { envelope, processId: uuid(processId, 'process_id'), path };
  }
  const { processId, streamId, blockId } = envelope.block;
  const path = blockFile(uuid(streamId, 'stream_id'), uuid(blockId, 'block_id'));
  return { envelope, processId: uuid(processId, 'process_id'), path };
}

/** Classifies `bytes` and checks it is a body of kind `expected`; never throws for bad input. */
export function checkBody(expected: CaptureFileKind, bytes: Uint8Array, source: string): BodyCheck {
  if (bytes.byteLength === 0) return { ok: false, reason: 'empty body' };
  let envelope: Envelope;
  try {
    envelope = readEnvelope(bytes, source);
  } catch (error) {
    if (error instanceof DecodeError) return { ok: false, reason: error.message };
    throw error;
  }
  if (envelope.kind !== expected) {
    const reason = `expected a ${NAMES[expected]} body, got a ${NAMES[envelope.kind]}`;
    return { ok: false, reason: `${source}: ${reason}` };
  }
  try {
    return { ok: true, body: locate(envelope) };
  } catch (error) {
    return { ok: false, reason: `${source}: ${(error as Error).message}` };
  }
}
