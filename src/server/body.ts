// Reads a request body into memory up to a byte limit. Bytes are counted as they stream in, so
// an oversized body (announced by Content-Length or not) is never buffered past the limit: the
// rest is discarded and the caller answers 413. Node only.
import type { IncomingMessage } from 'node:http';

export type BodyResult =
  { ok: true; bytes: Uint8Array } | { ok: false; status: 400 | 413; reason: string };

export const DEFAULT_MAX_BODY_BYTES = 100 * 1024 * 1024; // upstream's RequestBodyLimitLayer

function tooLarge(maxBytes: number): BodyResult {
  return { ok: false, status: 413, reason: `body larger than ${maxBytes} bytes` };
}

export function readBody(req: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  const announced = Number(req.headers['content-length'] ?? NaN);
  if (announced > maxBytes) {
    req.resume(); // discard, never buffer
    return Promise.resolve(tooLarge(maxBytes));
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > maxBytes) {
        req.off('data', onData);
        chunks.length = 0;
        req.resume();
        resolve(tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => {
      if (total > maxBytes) return; // already answered
      const bytes = Buffer.concat(chunks, total);
      resolve({
        ok: true,
        bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      });
    });
    req.on('error', (error) => resolve({ ok: false, status: 400, reason: error.message }));
    // A client that goes away mid-body: settle (the first settlement wins, so a normal 'end' stays).
    req.on('close', () => resolve({ ok: false, status: 400, reason: 'body ended early' }));
  });
}
