// `weft replay <capture-folder> <base-url> [--api-key KEY]`: POSTs a capture's bodies to a weft
// server's (or micromegas') ingestion routes in the order micromegas' HttpEventSink sends them:
// the process, then each stream before its first block. Files are classified by content. For
// filling a `weft serve` with a capture (benchmarks, demos). Node only.
import { parseArgs } from 'node:util';
import { readEnvelope } from '../decode/envelope';
import type { Output } from './decode-command';
import { listInputPaths, readInput, type InputFile } from './files';

const USAGE = 'usage: weft replay <capture-folder> <base-url> [--api-key KEY]';

type Kind = 'process' | 'stream' | 'block';

interface Body extends InputFile {
  kind: Kind;
  streamId: string;
}

function classify(file: InputFile): Body | null {
  try {
    const e = readEnvelope(file.bytes, file.path);
    const streamId =
      e.kind === 'stream' ? e.stream.streamId : e.kind === 'block' ? e.block.streamId : '';
    return { ...file, kind: e.kind, streamId };
  } catch {
    return null;
  }
}

/** Process first, then each stream just before its first block (streams without blocks last). */
export function sinkOrder(bodies: Body[]): Body[] {
  const streams = new Map(bodies.filter((b) => b.kind === 'stream').map((b) => [b.streamId, b]));
  const out = bodies.filter((b) => b.kind === 'process');
  for (const block of bodies.filter((b) => b.kind === 'block')) {
    const stream = streams.get(block.streamId);
    if (stream && streams.delete(block.streamId)) out.push(stream);
    out.push(block);
  }
  return [...out, ...streams.values()];
}

export async function replayCommand(args: string[], out: Output): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { 'api-key': { type: 'string' } },
      allowPositionals: true,
    });
  } catch (error) {
    out.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const [folder, base] = parsed.positionals;
  if (!folder || !base) return (out.error(USAGE), 2);
  const headers: Record<string, string> = {};
  if (parsed.values['api-key']) headers.Authorization = `Bearer ${parsed.values['api-key']}`;
  const bodies = sinkOrder(
    listInputPaths([folder])
      .map(readInput)
      .map(classify)
      .filter((b) => b !== null),
  );
  for (const body of bodies) {
    const url = `${base.replace(/\/+$/, '')}/ingestion/insert_${body.kind}`;
    const response = await fetch(url, {
      method: 'POST',
      body: body.bytes as Uint8Array<ArrayBuffer>,
      headers,
    });
    if (!response.ok) {
      out.error(`weft: ${body.path}: ${response.status} ${(await response.text()).trim()}`);
      return 1;
    }
  }
  await out.write(`weft: posted ${bodies.length} bodies of ${folder} to ${base}\n`);
  return 0;
}
