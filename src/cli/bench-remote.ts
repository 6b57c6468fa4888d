// `weft bench remote <base> <process-id> --files <capture-folder> [--data-source weft]
// [--token-file F]`: a process read over micromegas' analytics protocol in raw mode (blocks rows,
// then payloads 8 blocks a query) and decoded by the exact decoder, next to the same capture
// read from files and decoded the same way on this thread, with the ratio. "Time to first
// frame" is until the first batch of bodies (the process's blocks rows) arrived; "all events
// decoded" is until every payload was fetched and decoded. Prints figures; asserts nothing.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Capture } from '../decode/capture';
import { remoteProcessInputs } from '../remote/raw-mode';
import { registerLz4Codec } from '../server/lz4-encoder';
import type { Output } from './decode-command';
import { listInputPaths, readInput } from './files';

const USAGE =
  'usage: weft bench remote <base> <process-id> --files <capture-folder> [--data-source weft] [--token-file F]';

function events(capture: Capture): number {
  let n = 0;
  for (const block of capture.decoded.values()) n += block.events.length;
  return n;
}

async function overProtocol(base: string, processId: string, dataSource: string, token?: string) {
  const conn = { baseUrl: base, dataSource, bearerToken: token };
  const start = performance.now();
  let firstMs = 0;
  let bytes = 0;
  const capture = new Capture();
  for await (const batch of remoteProcessInputs(conn, processId)) {
    if (firstMs === 0) firstMs = performance.now() - start;
    for (const input of batch) {
      bytes += input.bytes.length;
      capture.add(input.bytes, input.path);
    }
  }
  return {
    firstMs,
    totalMs: performance.now() - start,
    events: events(capture),
    bytes,
    blocks: capture.blocks.size,
  };
}

function fromFiles(folder: string) {
  const start = performance.now();
  const capture = new Capture();
  for (const path of listInputPaths([folder])) capture.add(readInput(path).bytes, path);
  return { totalMs: performance.now() - start, events: events(capture) };
}

const rate = (events: number, ms: number) =>
  `${(((events / ms) * 1e3) / 1e6).toFixed(2)} M events/s`;

export async function benchRemote(args: string[], out: Output): Promise<number> {
  const options = {
    files: { type: 'string' },
    'data-source': { type: 'string', default: 'weft' },
    'token-file': { type: 'string' },
  } as const;
  const { values, positionals } = parseArgs({ args, options, allowPositionals: true });
  const [base, processId] = positionals;
  if (!base || !processId || !values.files) return (out.error(USAGE), 2);
  registerLz4Codec();
  const token = values['token-file']
    ? readFileSync(values['token-file'], 'utf8').trim()
    : undefined;
  const remote = await overProtocol(base, processId, values['data-source'], token);
  const files = fromFiles(values.files);
  await out.write(
    [
      `process ${processId} at ${base} (data source ${values['data-source']}): ${remote.blocks} blocks, ${remote.events} async events`,
      `time to first frame (the process's blocks rows): ${remote.firstMs.toFixed(0)} ms`,
      `all events decoded through the protocol: ${remote.totalMs.toFixed(0)} ms = ${rate(remote.events, remote.totalMs)} (${(remote.bytes / 1e6).toFixed(1)} MB of bodies rebuilt)`,
      `loading the same capture from files (${values.files}): ${files.totalMs.toFixed(0)} ms = ${rate(files.events, files.totalMs)}, ${files.events} async events`,
      `ratio protocol / files: ${(remote.totalMs / files.totalMs).toFixed(2)}`,
      '',
    ].join('\n'),
  );
  return remote.events === files.events ? 0 : (out.error('weft: the event counts differ'), 1);
}
