// The LZ4_FRAME codec weft serve compresses its Arrow IPC bodies with, registered in
// apache-arrow's codec registry: lz4-napi (lz4_flex) writes the frames, weft's own decoder
// (src/decode/lz4-frame.ts) reads them. Upstream compresses query-stream bodies with
// LZ4_FRAME too (rust/analytics-web-srv/src/stream_query.rs). Node only.
import { CompressionType, compressionRegistry } from 'apache-arrow';
import { compressFrameSync } from 'lz4-napi';
import { decodeLz4Frames } from '../decode/lz4-frame';

/** One LZ4 frame of `data` (content checksum on, as micromegas' own frames have). */
export function encodeLz4Frame(data: Uint8Array): Uint8Array {
  const input = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return compressFrameSync(input, { contentChecksum: true });
}

export function registerLz4Codec(): void {
  compressionRegistry.set(CompressionType.LZ4_FRAME, {
    encode: encodeLz4Frame,
    decode: decodeLz4Frames,
  });
}
