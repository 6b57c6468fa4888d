// `weft bench decode <path>`: decode throughput against the LZ4-only floor on the same payloads,
// measured in the same process run. Prints figures; asserts nothing.
import { performance } from 'node:perf_hooks';
import { Capture } from '../decode/capture';
import { readEnvelope } from '../decode/envelope';
import { decodeLz4Frames } from '../decode/lz4-frame';
import { ticksToEpochNs } from '../decode/time-converter';
import type { Output } from './decode-command';
import { listInputPaths, readInput, type InputFile } from './files';

const RUNS = 3;

function timeLz4Only(files: InputFile[]): number {
  const payloads: Uint8Array[] = [];
  for (const f of files) {
    const envelope = readEnvelope(f.bytes, f.path);
    if (envelope.kind === 'block')
      payloads.push(envelope.block.dependencies, envelope.block.objects);
  }
  const start = performance.now();
  for (const p of payloads) decodeLz4Frames(p);
  return performance.now() - start;
}

function timeFullDecode(files: InputFile[]): { ms: number; events: number } {
  const start = performance.now();
  const capture = new Capture();
  for (const f of files) capture.add(f.bytes, f.path);
  let events = 0;
  for (const block of capture.decoded.values()) {
    ticksToEpochNs(capture.converter(block.meta.processId)!, block.events.ticks);
    events += block.events.length;
  }
  return { ms: performance.now() - start, events };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function benchDecode(paths: string[], out: Output): Promise<number> {
  const files = listInputPaths(paths).map(readInput);
  const blockBytes = files.reduce((n, f) => n + f.bytes.byteLength, 0);
  timeLz4Only(files); // warm-up
  timeFullDecode(files);
  const lz4Ms: number[] = [];
  const fullMs: number[] = [];
  let events = 0;
  for (let i = 0; i < RUNS; i++) {
    lz4Ms.push(timeLz4Only(files));
    const full = timeFullDecode(files);
    fullMs.push(full.ms);
    events = full.events;
  }
  const full = median(fullMs);
  const lz4 = median(lz4Ms);
  await out.write(
    [
      `input: ${paths.join(' ')} (${files.length} files, ${(blockBytes / 1e6).toFixed(1)} MB)`,
      `async events: ${events}`,
      `full decode: ${full.toFixed(0)} ms (median of ${RUNS}) = ${(((events / full) * 1e3) / 1e6).toFixed(2)} M events/s, ${(blockBytes / 1e3 / full).toFixed(1)} MB/s of CBOR bodies`,
      `LZ4 only, same payloads: ${lz4.toFixed(0)} ms`,
      `ratio decode / LZ4-only: ${(full / lz4).toFixed(2)}`,
      '',
    ].join('\n'),
  );
  return 0;
}

export async function benchCommand(args: string[], out: Output): Promise<number> {
  const [what, ...paths] = args;
  if (what === 'decode' && paths.length > 0) return benchDecode(paths, out);
  if (what === 'ui') return (await import('./bench-ui')).benchUi(paths, out);
  if (what === 'load' && paths.length > 0)
    return (await import('./bench-load')).benchLoad(paths, out);
  if (what === 'remote') return (await import('./bench-remote')).benchRemote(paths, out);
  if (what === 'stats' && paths.length > 0)
    return (await import('./bench-stats')).benchStats(paths, out);
  out.error(
    'usage: weft bench decode <path>... | weft bench ui [path...] | weft bench load <path>... |' +
      ' weft bench remote <base> <process-id> --files <capture-folder> | weft bench stats <path>...',
  );
  return 2;
}
