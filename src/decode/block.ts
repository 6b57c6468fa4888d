// One block: LZ4-decompress its two transit buffers and read its async span events, using its
// stream's UDT metadata. Any failure becomes a DecodeError naming file, block, buffer and offset:
// nothing else leaves `decodeBlock` (a RangeError from an allocation included), so one hostile
// block never costs the others. No DOM, no Node APIs.
import { readAsyncEvents, type BlockEvents } from './async-events';
import type { BlockInfo, StreamInfo } from './envelope';
import { DecodeError, PayloadError, type Where } from './errors';
import { decodeLz4Frames, Lz4Error } from './lz4-frame';
import { readDependencies } from './transit';

export type BlockMeta = Omit<BlockInfo, 'dependencies' | 'objects'>;

export interface DecodedBlock extends BlockEvents {
  meta: BlockMeta;
  fileName: string;
  /** Bytes after LZ4 decompression (dependencies + objects). */
  decompressedBytes: number;
}

export function blockMeta(block: BlockInfo): BlockMeta {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { dependencies, objects, ...meta } = block;
  return meta;
}

/** Only `cpu` streams carry span events; other streams are counted, not decoded. */
export function carriesSpans(stream: StreamInfo): boolean {
  return stream.tags.includes('cpu');
}

function decompress(
  bytes: Uint8Array,
  buffer: 'dependencies' | 'objects',
  where: Where,
): Uint8Array {
  try {
    return decodeLz4Frames(bytes);
  } catch (error) {
    if (!(error instanceof Lz4Error)) throw unexpected(error, where, `${buffer} LZ4 frame`);
    throw new DecodeError(
      'corrupt-block',
      { ...where, offset: error.offset },
      `${buffer} LZ4 frame: ${error.reason}`,
    );
  }
}

/** Any other failure (e.g. a RangeError from an allocation) as a DecodeError, never a crash. */
export function unexpected(error: unknown, where: Where, what: string): DecodeError {
  if (error instanceof DecodeError) return error;
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new DecodeError('corrupt-block', where, `${what}: could not be decoded (${text})`);
}

/** Decodes the async span events of a block of a `cpu` stream; throws DecodeError. */
export function decodeBlock(block: BlockInfo, stream: StreamInfo, fileName: string): DecodedBlock {
  const lost = { blocks: 1, objects: block.nbObjects };
  const where = { fileName, blockId: block.blockId, lost };
  const deps = decompress(block.dependencies, 'dependencies', where);
  const objects = decompress(block.objects, 'objects', where);
  try {
    const stats = { skippedDynamic: 0, membersRead: 0 };
    const dependencies = readDependencies(deps, stream.dependenciesMetadata, stats);
    const result = readAsyncEvents(objects, stream.objectsMetadata, dependencies);
    result.counts.skippedDynamic += stats.skippedDynamic;
    return {
      ...result,
      meta: blockMeta(block),
      fileName,
      decompressedBytes: deps.byteLength + objects.byteLength,
    };
  } catch (error) {
    if (!(error instanceof PayloadError)) throw unexpected(error, where, 'payload');
    throw new DecodeError(
      'corrupt-block',
      { ...where, offset: error.offset },
      `${error.buffer} buffer: ${error.reason}`,
    );
  }
}
