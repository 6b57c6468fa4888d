// The string dependencies of a transit buffer (StaticString, StaticStringDependency), read as
// micromegas `rust/transit/src/parser.rs` does. No DOM, no Node APIs.
import { readU64Key } from '../base/int64';
import { PayloadError } from './errors';
import { insertDependency, type Dependencies, type ObjectHeader } from './transit';

const CODEC_UTF16 = 1;
const CODEC_COUNT = 3; // 0 ansi, 1 utf-16le, 2 utf-8
const decoders = {
  lossy: new TextDecoder('utf-8'),
  strict: new TextDecoder('utf-8', { fatal: true }),
  wide: new TextDecoder('utf-16le'),
};

/** StaticString: u64 id, then UTF-8 bytes to the end of the object (strict UTF-8, as upstream). */
export function readStaticString(view: DataView, h: ObjectHeader, deps: Dependencies): void {
  if (h.size < 8)
    throw new PayloadError(
      'dependencies',
      h.start,
      `expected StaticString of 8 bytes or more, got ${h.size}`,
    );
  const key = readU64Key(view, h.start);
  const bytes = new Uint8Array(view.buffer, view.byteOffset + h.start + 8, h.size - 8);
  let text: string;
  try {
    text = decoders.strict.decode(bytes);
  } catch {
    throw new PayloadError(
      'dependencies',
      h.start + 8,
      'expected UTF-8 text in StaticString, got invalid bytes',
    );
  }
  insertDependency(deps, key, text, h.start);
}

/** StaticStringDependency: u64 id, u8 codec (0 ansi, 1 utf-16le, 2 utf-8), u32 length, bytes. */
export function readStaticStringDependency(
  view: DataView,
  h: ObjectHeader,
  deps: Dependencies,
): void {
  const fail = (at: number, reason: string) => new PayloadError('dependencies', at, reason);
  if (h.start + 13 > view.byteLength)
    throw fail(h.start, 'expected StaticStringDependency header of 13 bytes, got end of buffer');
  const key = readU64Key(view, h.start);
  const codec = view.getUint8(h.start + 8);
  const length = view.getUint32(h.start + 9, true);
  const textStart = h.start + 13;
  if (codec >= CODEC_COUNT)
    throw fail(h.start + 8, `expected string codec 0, 1 or 2, got ${codec}`);
  if (textStart + length > view.byteLength)
    throw fail(h.start + 9, `expected ${length} string bytes, got ${view.byteLength - textStart}`);
  if (codec === CODEC_UTF16 && length % 2 !== 0)
    throw fail(h.start + 9, `expected an even UTF-16 byte length, got ${length}`);
  const bytes = new Uint8Array(view.buffer, view.byteOffset + textStart, length);
  // Upstream treats ANSI as lossy UTF-8, like UTF-8 itself.
  insertDependency(
    deps,
    key,
    codec === CODEC_UTF16 ? decoders.wide.decode(bytes) : decoders.lossy.decode(bytes),
    h.start,
  );
}
