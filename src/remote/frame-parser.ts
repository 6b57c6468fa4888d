// The framing of micromegas' `POST /api/query-stream` answer, parsed incrementally: one JSON line
// per frame, `schema` and `batch` lines followed by exactly `size` bytes of Arrow IPC, then `done`
// or `error` (rust/analytics-web-srv/src/stream_query.rs writes it; analytics-web-app/src/lib/
// arrow-stream.ts reads it). Network chunks may split a frame anywhere, so the parser keeps its
// state between `push` calls and copies each body once into a buffer of its declared size.
// Pure: no DOM, no Node, no Arrow.
import { protocolError } from './errors';

export type Frame =
  | { type: 'schema'; body: Uint8Array }
  | { type: 'batch'; body: Uint8Array; rows: number }
  | { type: 'done' }
  | { type: 'error'; code: string; message: string };

/** A header line longer than this is not the protocol (error messages included). */
const MAX_LINE_BYTES = 1 << 20;
/** A body larger than this is refused rather than allocated (a hostile or broken server). */
export const MAX_BODY_BYTES = 1 << 30;
const NEWLINE = 10;

interface PendingBody {
  type: 'schema' | 'batch';
  rows: number;
  body: Uint8Array;
  filled: number;
}

export class FrameParser {
  private line: Uint8Array[] = [];
  private lineBytes = 0;
  private body: PendingBody | null = null;
  private finished = false;
  private framesSeen = 0;
  private bytesSeen = 0;
  private readonly text = new TextDecoder();

  /** Consumes one network chunk; returns the frames it completed, in order. */
  push(chunk: Uint8Array): Frame[] {
    const frames: Frame[] = [];
    let pos = 0;
    this.bytesSeen += chunk.length;
    while (pos < chunk.length) {
      if (this.finished) {
        if (chunk.subarray(pos).every(isSpace)) break;
        throw protocolError(`bytes after the final frame (frame ${this.framesSeen + 1})`);
      }
      pos = this.body ? this.fillBody(chunk, pos, frames) : this.readLine(chunk, pos, frames);
    }
    return frames;
  }

  /** The response ended: throws a protocol error unless a `done` or `error` frame was read. */
  end(): void {
    if (this.finished) return;
    const where = `after ${this.bytesSeen} bytes and ${this.framesSeen} frames`;
    if (this.body)
      throw protocolError(
        `the stream was cut short ${where}: a ${this.body.type} frame declared ` +
          `${this.body.body.length} bytes, only ${this.body.filled} arrived`,
      );
    throw protocolError(`the stream was cut short ${where}: it ended without a "done" frame`);
  }

  private fillBody(chunk: Uint8Array, pos: number, frames: Frame[]): number {
    const pending = this.body!;
    const take = Math.min(pending.body.length - pending.filled, chunk.length - pos);
    pending.body.set(chunk.subarray(pos, pos + take), pending.filled);
    pending.filled += take;
    if (pending.filled === pending.body.length) this.emitBody(frames);
    return pos + take;
  }

  private emitBody(frames: Frame[]): void {
    const { type, body, rows } = this.body!;
    this.body = null;
    this.framesSeen++;
    frames.push(type === 'schema' ? { type, body } : { type, body, rows });
  }

  private readLine(chunk: Uint8Array, pos: number, frames: Frame[]): number {
    const newline = chunk.indexOf(NEWLINE, pos);
    const end = newline < 0 ? chunk.length : newline;
    this.line.push(chunk.subarray(pos, end));
    this.lineBytes += end - pos;
    if (this.lineBytes > MAX_LINE_BYTES)
      throw protocolError(`a frame header longer than ${MAX_LINE_BYTES} bytes`);
    if (newline < 0) return chunk.length;
    const text = this.text.decode(concat(this.line, this.lineBytes));
    this.line = [];
    this.lineBytes = 0;
    if (text.trim() !== '') this.header(text, frames);
    return newline + 1;
  }

  private header(text: string, frames: Frame[]): void {
    const value = parseJson(text);
    const type = value?.type;
    if (type === 'done' || type === 'error') {
      this.finished = true;
      this.framesSeen++;
      if (type === 'done') return void frames.push({ type });
      const code = typeof value!.code === 'string' ? value!.code : 'UNKNOWN';
      const message = typeof value!.message === 'string' ? value!.message : JSON.stringify(value);
      return void frames.push({ type, code, message });
    }
    if (type !== 'schema' && type !== 'batch')
      throw protocolError(`expected a frame header, got ${JSON.stringify(text.slice(0, 100))}`);
    const size = value!.size;
    if (
      typeof size !== 'number' ||
      !Number.isSafeInteger(size) ||
      size < 0 ||
      size > MAX_BODY_BYTES
    )
      throw protocolError(`a ${type} frame with size ${JSON.stringify(size)}`);
    const rows = typeof value!.rows === 'number' ? value!.rows : 0;
    this.body = { type, rows, body: new Uint8Array(size), filled: 0 };
    if (size === 0) this.emitBody(frames);
  }
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function isSpace(byte: number): boolean {
  return byte === 10 || byte === 13 || byte === 32 || byte === 9;
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** All frames of a chunked byte stream; throws when the stream is cut short. */
export async function* readFrames(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Frame> {
  const parser = new FrameParser();
  for await (const chunk of chunks) yield* parser.push(chunk);
  parser.end();
}
