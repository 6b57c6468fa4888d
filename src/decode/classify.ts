// Which rejected bodies lose micromegas data. A body that fails to read is "not micromegas" (a
// skipped file, not an error) only when nothing says it is ours: a file where a block or a stream
// belongs (`blocks/<stream>/<block>.cbor`, `streams/<stream>.cbor`: the layout of capture folders
// and of `weft serve`'s store) or a root map carrying micromegas keys is an error; a block counts
// as lost (with its `nb_objects`, when the header could be read). No DOM, no Node APIs.
import type { ScalarField } from './cbor-scan';
import { DecodeError, type Lost } from './errors';

/** Keys of ProcessInfo, StreamInfo and Block bodies that no other format is likely to use. */
const MICROMEGAS_KEYS = [
  'block_id',
  'stream_id',
  'process_id',
  'objects_metadata',
  'dependencies_metadata',
  'tsc_frequency',
  'start_ticks',
  'nb_objects',
  'object_offset',
  'begin_ticks',
  'end_ticks',
];

const BLOCK_PATH = /(^|[\\/])blocks[\\/][^\\/]+[\\/][^\\/]+\.cbor$/;
const STREAM_PATH = /(^|[\\/])streams[\\/][^\\/]+\.cbor$/;

export type Fields = Map<string, ScalarField | undefined>;

/** True when the file sits where a capture folder keeps a block. */
export function isBlockPath(fileName: string): boolean {
  return BLOCK_PATH.test(fileName);
}

function isBlockLike(fileName: string, fields: Fields): boolean {
  return isBlockPath(fileName) || fields.has('block_id') || fields.has('payload');
}

function lostBlock(fields: Fields): Lost {
  const n = fields.get('nb_objects');
  const objects = typeof n === 'number' && n >= 0 ? n : undefined;
  return objects === undefined ? { blocks: 1 } : { blocks: 1, objects };
}

/** The error for a body that cannot be read as micromegas, `reason` saying why. */
export function rejectBody(fileName: string, fields: Fields, reason: string, offset: number) {
  const byPath = isBlockPath(fileName) || STREAM_PATH.test(fileName);
  const ours = byPath || MICROMEGAS_KEYS.some((key) => fields.has(key));
  if (!ours) return new DecodeError('not-micromegas', { fileName, offset }, reason);
  const id = fields.get('block_id');
  const blockId = typeof id === 'string' ? id : undefined;
  const lost = isBlockLike(fileName, fields) ? lostBlock(fields) : undefined;
  return new DecodeError('corrupt-envelope', { fileName, blockId, offset, lost }, reason);
}
