// The `weft` command line: dispatches to one module per command.
import { once } from 'node:events';
import { decodeCommand, type Output } from './decode-command';

const USAGE = `usage: weft <command> [args]
  decode <path>...               async events of captures (files or folders) as CSV
  sql <path>... -e "<sql>"       load captures into DuckDB and print the query's result as CSV
  digest <path> [--expect f]     order-independent sums over the decoded events
  stats <path>... [--process <id>] [--from <ns> --to <ns>]
                                 statistics per span name as CSV (the statistics panel's rows)
  bench decode <path>            decode throughput vs LZ4-only on the same payloads
  bench load <path>...           events/s from files to queryable DuckDB, 1 worker and a pool
  bench remote <base> <process-id> --files <capture-folder>
                                 a process read over micromegas' analytics protocol vs from files
  bench stats <path>...          time of the statistics and aggregated call trees of a capture
  serve [--port 9000] [--host 127.0.0.1] [--data ./weft-data] [--api-key KEY] [--sample]
                                 the viewer, micromegas' ingestion API and its analytics protocol
        [--upstream BASE [--token-file F] [--data-source NAME]]
                                 … forwarding the analytics protocol to a micromegas deployment
  manifest <capture-folder>      write manifest.json so a static server can host the folder
  replay <capture-folder> <base> [--api-key KEY]
                                 POST a capture's bodies to a server's ingestion routes
  fuzz [--seconds N] [--inputs N] [--seed S]
                                 mutated real captures through the decoder, outcomes counted
  export <path>... --format chrome-json|perfetto|csv|parquet [--process <id>]
         [--from <epoch ns> --to <epoch ns>] [-o <file>]
                                 one process's async spans as a trace, or async_spans rows`;

/** A reader that went away (`weft decode | head`) ends the command quietly, not with a trace. */
function exitQuietlyOnBrokenPipe(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(0);
  });
}

const stdio: Output = {
  write: async (text) => {
    if (!process.stdout.write(text)) await once(process.stdout, 'drain');
  },
  writeBytes: async (bytes) => {
    if (!process.stdout.write(bytes)) await once(process.stdout, 'drain');
  },
  error: (line) => process.stderr.write(`${line}\n`),
};

type Command = (args: string[], out: Output) => Promise<number> | number;

const COMMANDS: Record<string, () => Promise<Command>> = {
  decode: async () => decodeCommand,
  digest: async () => (await import('./digest-command')).digestCommand,
  sql: async () => (await import('./sql-command')).sqlCommand,
  stats: async () => (await import('./stats-command')).statsCommand,
  bench: async () => (await import('./bench-command')).benchCommand,
  serve: async () => (await import('./serve-command')).serveCommand,
  manifest: async () => (await import('./manifest-command')).manifestCommand,
  replay: async () => (await import('./replay-command')).replayCommand,
  fuzz: async () => (await import('./fuzz-command')).fuzzCommand,
  export: async () => (await import('./export-command')).exportCommand,
};

export async function main(argv: string[], out: Output = stdio): Promise<number> {
  const [name, ...args] = argv;
  if (out === stdio) exitQuietlyOnBrokenPipe();
  const load = name === undefined ? undefined : COMMANDS[name];
  if (!load) {
    out.error(USAGE);
    return name === undefined || name === '--help' ? 0 : 2;
  }
  return (await load())(args, out);
}
