// `weft serve [--port 9000] [--host 127.0.0.1] [--data ./weft-data] [--api-key KEY] [--sample]
//   [--allow-origin ORIGIN]... [--allow-host NAME]...`: runs the weft server (src/server) until
// SIGINT/SIGTERM. The store holds only what processes sent: while it is empty the viewer shows
// its bundled sample (unpinned) and waits for the first process. `--sample` copies the sample
// into an empty store (a demo of the process list); `--no-sample` is the default, accepted for
// older scripts.
import { once } from 'node:events';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_SAMPLE_DIR, startServer, type ServerOptions } from '../server/server';
import type { Output } from './decode-command';
import { ANALYTICS_OPTIONS, ANALYTICS_USAGE, analyticsFactory } from './serve-analytics';

const USAGE = `usage: weft serve [--port 9000] [--host 127.0.0.1] [--data ./weft-data]
                  [--api-key KEY | env WEFT_API_KEY] [--sample] [--dist ./dist]
                  [--allow-origin ORIGIN]... [--allow-host NAME]...
                  ${ANALYTICS_USAGE}`;

const OPTIONS = {
  port: { type: 'string', default: '9000' },
  host: { type: 'string', default: '127.0.0.1' },
  data: { type: 'string', default: './weft-data' },
  'api-key': { type: 'string' },
  sample: { type: 'boolean', default: false },
  'no-sample': { type: 'boolean', default: false },
  dist: { type: 'string' },
  'allow-origin': { type: 'string', multiple: true },
  'allow-host': { type: 'string', multiple: true },
  help: { type: 'boolean', default: false },
  ...ANALYTICS_OPTIONS,
} as const;

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

async function untilSignal(): Promise<void> {
  const ac = new AbortController();
  await Promise.race(['SIGINT', 'SIGTERM'].map((s) => once(process, s, { signal: ac.signal })));
  ac.abort();
}

/** `http://host:port` of an http(s) origin text, or undefined. */
function originOf(text: string): string | undefined {
  try {
    const url = new URL(text);
    const plain = url.pathname === '/' && !url.search && !url.hash && !url.username;
    return plain && /^https?:$/.test(url.protocol) ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/** The server options of a command line, or the exit code when there is nothing to serve. */
function parseServeArgs(args: string[], out: Output): ServerOptions | number {
  let values;
  try {
    values = parseArgs({ args, options: OPTIONS, strict: true }).values;
  } catch (error) {
    out.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const port = Number(values.port);
  if (values.help || !Number.isInteger(port) || port < 0 || port > 65535) {
    out.error(USAGE);
    return values.help ? 0 : 2;
  }
  const allowOrigins = (values['allow-origin'] ?? []).map(originOf);
  const bad = values['allow-origin']?.find((_, i) => allowOrigins[i] === undefined);
  if (bad !== undefined) {
    out.error(`weft: --allow-origin ${bad}: expected an http(s) origin like http://host:8080`);
    return 2;
  }
  const analytics = analyticsFactory(values);
  if (typeof analytics === 'string') {
    out.error(`weft: ${analytics}\n${USAGE}`);
    return 2;
  }
  const apiKey = values['api-key'] ?? (process.env.WEFT_API_KEY || undefined);
  if (!LOOPBACK.test(values.host) && apiKey === undefined)
    out.error(`weft: warning: listening on ${values.host} without --api-key: anyone can send data`);
  return {
    port,
    host: values.host,
    dataDir: resolve(values.data),
    distDir: values.dist && resolve(values.dist),
    apiKey,
    allowOrigins: allowOrigins as string[],
    allowHosts: values['allow-host'] ?? [],
    sampleDir: values.sample && !values['no-sample'] ? DEFAULT_SAMPLE_DIR : undefined,
    log: out.error,
    analytics,
  };
}

export async function serveCommand(
  args: string[],
  out: Output,
  until: () => Promise<void> = untilSignal,
): Promise<number> {
  const options = parseServeArgs(args, out);
  if (typeof options === 'number') return options;
  const where = `${options.host}:${options.port}`;
  const server = await startServer(options).catch((error: NodeJS.ErrnoException) => {
    const why = error.code === 'EADDRINUSE' ? 'is in use (pick another with --port)' : 'failed';
    out.error(`weft: listening on ${where} ${why}: ${error.message}`);
    return undefined;
  });
  if (!server) return 1;
  await out.write(
    `weft: viewer on ${server.url}/ · ingestion: MICROMEGAS_TELEMETRY_URL=${server.url}` +
      ` · data in ${options.dataDir}\n`,
  );
  await until();
  await server.close();
  return 0;
}
