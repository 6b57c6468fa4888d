// Ids and relative paths of a capture folder. Every id that becomes part of a file path passes
// through here: only UUIDs are accepted (as micromegas sends them), so no input can name a path
// outside the data directory. No I/O.

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** The canonical (lowercase, hyphenated) form of a UUID, or undefined if `text` is not one. */
export function canonicalUuid(text: unknown): string | undefined {
  if (typeof text !== 'string' || !UUID.test(text)) return undefined;
  const hex = text.replaceAll('-', '').toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export type CaptureFileKind = 'process' | 'stream' | 'block';

export const PROCESS_FILE = 'process.cbor';
export const MANIFEST_FILE = 'manifest.json';

export const streamFile = (streamId: string) => `streams/${streamId}.cbor`;
export const blockFile = (streamId: string, blockId: string) =>
  `blocks/${streamId}/${blockId}.cbor`;

const STREAM_PATH = /^streams\/([^/]+)\.cbor$/;
const BLOCK_PATH = /^blocks\/([^/]+)\/([^/]+)\.cbor$/;

export interface CapturePath {
  kind: CaptureFileKind;
  path: string;
  streamId?: string;
  blockId?: string;
}

/**
 * Parses a relative path of a stored capture (`process.cbor`, `streams/<uuid>.cbor`,
 * `blocks/<uuid>/<uuid>.cbor`, ids in canonical form); anything else is undefined.
 */
export function parseCapturePath(path: string): CapturePath | undefined {
  if (path === PROCESS_FILE) return { kind: 'process', path };
  const stream = STREAM_PATH.exec(path);
  if (stream && canonicalUuid(stream[1]) === stream[1])
    return { kind: 'stream', path, streamId: stream[1] };
  const block = BLOCK_PATH.exec(path);
  if (block && canonicalUuid(block[1]) === block[1] && canonicalUuid(block[2]) === block[2])
    return { kind: 'block', path, streamId: block[1], blockId: block[2] };
  return undefined;
}
