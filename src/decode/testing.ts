// Test helpers (Node only): read the real capture folders under fixtures/micromegas.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Capture } from './capture';
import { xxh32 } from './xxh32';

export const FIXTURES = join(import.meta.dirname, '../../fixtures/micromegas');
export const CAPTURES = ['small', 'small-legacy-payload', 'unclosed', 'mixed', 'medium'] as const;

/** Every .cbor file below `dir`, sorted by path, as [relative name, bytes]. */
export function readCborFiles(dir: string): [string, Uint8Array][] {
  const out: [string, Uint8Array][] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d).sort()) {
      const path = join(d, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith('.cbor'))
        out.push([relative(dir, path), new Uint8Array(readFileSync(path))]);
    }
  };
  walk(dir);
  return out;
}

export function loadCapture(name: string, order: 'natural' | 'blocks-first' = 'natural'): Capture {
  const files = readCborFiles(join(FIXTURES, name));
  if (order === 'blocks-first')
    files.sort(([a], [b]) => Number(!a.startsWith('blocks')) - Number(!b.startsWith('blocks')));
  const capture = new Capture();
  for (const [fileName, bytes] of files) capture.add(bytes, fileName);
  return capture;
}

export function expectedCsvLines(name: string): string[] {
  const dir = join(FIXTURES, name);
  const csvPath = join(dir, 'expected_async_events.csv');
  let text: string;
  try {
    text = readFileSync(csvPath, 'utf8');
  } catch {
    text = gunzipSync(readFileSync(`${csvPath}.gz`)).toString('utf8');
  }
  return text.split(/\r?\n/).filter((line) => line.length > 0);
}

export interface ExpectedSummary {
  process_id: string;
  async_begin_count: number;
  async_end_count: number;
  async_events_total: number;
  distinct_span_ids: number;
  begins_without_end: number;
  ends_without_begin: number;
  spans_begin_and_end_in_different_streams: number;
  blocks_total: number;
  streams_total: number;
  streams_by_tag: Record<string, number>;
  blocks_by_tag: Record<string, number>;
  non_async_objects_in_thread_blocks: Record<string, number>;
  time_conversion: { frequency: number; start_ticks: number; start_time_ns: number };
  blocks: {
    block_id: string;
    stream_id: string;
    async_events: number;
    dependencies_bytes: number;
    objects_bytes: number;
    nb_objects: number;
  }[];
  streams: {
    stream_id: string;
    tags: string[];
    properties: Record<string, string>;
    async_events: number;
  }[];
}

export function expectedSummary(name: string): ExpectedSummary {
  return JSON.parse(readFileSync(join(FIXTURES, name, 'expected_summary.json'), 'utf8'));
}

/** Raw expected_summary.json text, for values (like start_time_ns) beyond 2^53. */
export function expectedSummaryText(name: string): string {
  return readFileSync(join(FIXTURES, name, 'expected_summary.json'), 'utf8');
}

/** A valid LZ4 frame holding `content` in stored (uncompressed) blocks, no checksums but the header's. */
export function storedLz4Frame(content: Uint8Array): Uint8Array {
  const blockMax = 0x10000;
  const parts: number[] = [0x04, 0x22, 0x4d, 0x18, 0x60, 0x40];
  parts.push((xxh32(new Uint8Array([0x60, 0x40]), 0) >>> 8) & 0xff);
  for (let at = 0; at < content.length; at += blockMax) {
    const chunk = content.subarray(at, Math.min(content.length, at + blockMax));
    const size = (chunk.length | 0x80000000) >>> 0;
    parts.push(size & 0xff, (size >>> 8) & 0xff, (size >>> 16) & 0xff, size >>> 24, ...chunk);
  }
  parts.push(0, 0, 0, 0);
  return new Uint8Array(parts);
}

/**
 * A valid LZ4 frame of `blocks` independent 4 MiB blocks, each one literal byte, one match
 * repeating it, and a last literal: ~16 KB per block that really decodes to 4 MiB.
 */
export function expandingLz4Frame(blocks: number): Uint8Array {
  const header = [0x04, 0x22, 0x4d, 0x18, 0x60, 0x70];
  header.push((xxh32(new Uint8Array([0x60, 0x70]), 0) >>> 8) & 0xff);
  const ext = 4 * 1024 * 1024 - 2 - 19; // match length beyond the token's 4 + 15
  const body = [0x1f, 0x61, 0x01, 0x00, ...new Array<number>(Math.floor(ext / 255)).fill(255)];
  body.push(ext % 255, 0x10, 0x61);
  const block = [body.length & 0xff, (body.length >>> 8) & 0xff, body.length >>> 16, 0, ...body];
  const out = new Uint8Array(header.length + blocks * block.length + 4);
  out.set(header);
  for (let i = 0; i < blocks; i++) out.set(block, header.length + i * block.length);
  return out;
}

/** The oracle's CSV lines of a capture without the rows of the given blocks (header kept). */
export function expectedCsvLinesWithout(name: string, blockIds: string[]): string[] {
  return expectedCsvLines(name).filter((line) => !blockIds.some((id) => line.includes(`,${id},`)));
}

/** A valid LZ4 frame header declaring `contentSize` bytes, then one stored 1-byte block. */
export function lz4FrameDeclaring(contentSize: number): Uint8Array {
  const size = [0, 0, 0, 0, 0, 0, 0, 0];
  for (let i = 0, rest = contentSize; i < 8; i++, rest = Math.floor(rest / 256))
    size[i] = rest % 256;
  const descriptor = new Uint8Array([0x48, 0x40, ...size]);
  const hc = (xxh32(descriptor, 0) >>> 8) & 0xff;
  return new Uint8Array([
    0x04,
    0x22,
    0x4d,
    0x18,
    ...descriptor,
    hc,
    1,
    0,
    0,
    0x80,
    0x61,
    0,
    0,
    0,
    0,
  ]);
}
