// `weft serve`'s analytics options: by default the protocol answers over the capture store
// (DuckDB in a worker thread, analytics-engine.ts); `--upstream <base> [--token-file <file>]
// [--data-source <name>]` forwards it to a micromegas deployment instead, the token read once
// from the file and kept in this process. Node only.
import { readFileSync } from 'node:fs';
import type { AnalyticsBackend } from '../server/analytics-route';
import type { CaptureStore } from '../server/capture-store';
import { localAnalytics } from '../server/local-analytics';
import { upstreamAnalytics } from '../server/upstream-analytics';
import { AnalyticsEngine } from './analytics-engine';

export const ANALYTICS_OPTIONS = {
  upstream: { type: 'string' },
  'token-file': { type: 'string' },
  'data-source': { type: 'string' },
} as const;

export const ANALYTICS_USAGE = `[--upstream BASE_URL [--token-file FILE] [--data-source NAME]]`;

type Factory = (store: CaptureStore, log: (line: string) => void) => AnalyticsBackend;

interface Values {
  upstream?: string;
  'token-file'?: string;
  'data-source'?: string;
}

/** The backend factory of a command line, or why the options are wrong. */
export function analyticsFactory(values: Values): Factory | string {
  const upstream = values.upstream;
  if (upstream === undefined) {
    if (values['token-file'] || values['data-source'])
      return '--token-file and --data-source go with --upstream';
    return (store, log) => {
      const engine = new AnalyticsEngine(store, log);
      void engine.warm(); // answered at once when the first page asks (see warm)
      return localAnalytics(engine);
    };
  }
  if (!/^https?:\/\/[^\s]+$/.test(upstream))
    return `--upstream ${upstream}: expected an http(s) URL`;
  let token: string | undefined;
  if (values['token-file']) {
    try {
      token = readFileSync(values['token-file'], 'utf8').trim();
    } catch (error) {
      return `--token-file ${values['token-file']}: ${(error as Error).message}`;
    }
    if (!token) return `--token-file ${values['token-file']} is empty`;
  }
  return () => upstreamAnalytics({ baseUrl: upstream, token, dataSource: values['data-source'] });
}
