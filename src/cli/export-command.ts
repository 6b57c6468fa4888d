// `weft export <path>... --format chrome-json|perfetto|csv|parquet [--process <id>]
// [--from <ns> --to <ns>] [-o <file>]`: loads captures and writes one process's async spans as a
// Chrome trace-event JSON or a Perfetto protobuf trace (src/model/export), or the async_spans rows
// (one process, or all without --process) as CSV (exact text, as `weft sql` prints) or Parquet.
// --from/--to are epoch nanoseconds (what `epoch_ns(begin_time)` gives); a span is kept when it
// overlaps [from, to]. Output goes to stdout, or to the file -o names.
import { writeFile } from 'node:fs/promises';
import type { Db } from '../db/db';
import { chromeTraceChunks } from '../model/export/chrome-json';
import { perfettoTraceChunks } from '../model/export/perfetto';
import type { ExportScope } from '../model/export/scope';
import { spanRowsFile, type RowsFormat } from '../queries/export';
import { loadSpanTable } from '../queries/span-table';
import { listProcesses } from '../queries/stats';
import type { Output } from './decode-command';
import { onLoadedCaptures } from './load-captures';

const FORMATS = ['chrome-json', 'perfetto', 'csv', 'parquet'] as const;
type Format = (typeof FORMATS)[number];

const USAGE = `usage: weft export <file-or-folder>... --format ${FORMATS.join('|')} [--process <id>]
       [--from <epoch ns> --to <epoch ns>] [-o <file>] [--threads N]`;

export interface ExportArgs {
  paths: string[];
  format: Format;
  processId: string | null;
  fromEpochNs: bigint | null;
  toEpochNs: bigint | null;
  outFile: string | null;
  threads: number;
}

function epochNs(text: string | undefined): bigint | null | undefined {
  return text !== undefined && /^-?\d+$/.test(text) ? BigInt(text) : undefined;
}

export function parseExportArgs(args: string[]): ExportArgs | undefined {
  const parsed: Partial<ExportArgs> & { paths: string[] } = { paths: [], threads: 0 };
  const values: Record<string, string | undefined> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (['--format', '--process', '--from', '--to', '-o', '--threads'].includes(arg))
      values[arg] = args[++i];
    else parsed.paths.push(arg);
  }
  const format = FORMATS.find((f) => f === values['--format']);
  const from = values['--from'] === undefined ? null : epochNs(values['--from']);
  const to = values['--to'] === undefined ? null : epochNs(values['--to']);
  const threads = Number(values['--threads'] ?? 0);
  if (!format || from === undefined || to === undefined || parsed.paths.length === 0) return;
  if (!Number.isInteger(threads) || threads < 0) return;
  return {
    paths: parsed.paths,
    format,
    processId: values['--process'] ?? null,
    fromEpochNs: from,
    toEpochNs: to,
    outFile: values['-o'] ?? null,
    threads,
  };
}

type Chunks = (string | Uint8Array)[];

async function traceChunks(db: Db, args: ExportArgs, out: Output): Promise<Chunks | undefined> {
  const processes = await listProcesses(db);
  const process = args.processId
    ? processes.find((p) => p.processId === args.processId)
    : processes.length === 1
      ? processes[0]
      : undefined;
  if (!process) {
    const loaded = processes.map((p) => `${p.processId} (${p.exe})`).join(', ') || 'none';
    out.error(`${args.format} exports one process: name it with --process; loaded: ${loaded}`);
    return undefined;
  }
  const table = await loadSpanTable(db, process.processId);
  const relative = (ns: bigint | null) => (ns === null ? undefined : Number(ns - table.originNs));
  const scope: ExportScope = { fromNs: relative(args.fromEpochNs), toNs: relative(args.toEpochNs) };
  const meta = { processId: process.processId, exe: process.exe };
  return args.format === 'perfetto'
    ? perfettoTraceChunks(table, meta, scope)
    : chromeTraceChunks(table, meta, scope);
}

async function writeChunk(out: Output, chunk: string | Uint8Array): Promise<void> {
  if (typeof chunk === 'string') return out.write(chunk);
  if (!out.writeBytes) throw new Error('binary output needs -o <file>');
  return out.writeBytes(chunk);
}

export function exportCommand(args: string[], out: Output): Promise<number> {
  return onLoadedCaptures(parseExportArgs(args), USAGE, out, async (db, parsed) => {
    const trace = parsed.format === 'chrome-json' || parsed.format === 'perfetto';
    const chunks = trace
      ? await traceChunks(db, parsed, out)
      : await spanRowsFile(db, parsed, parsed.format as RowsFormat);
    if (!chunks) return 2;
    if (parsed.outFile) await writeFile(parsed.outFile, chunks);
    else for (const chunk of chunks) await writeChunk(out, chunk);
    return 0;
  });
}
