// `weft serve --upstream <base>`: the analytics protocol forwarded to a micromegas deployment
// (its analytics-web-srv, rust/analytics-web-srv/src/web_server.rs), with the bearer token read
// from --token-file added here, so the viewer on weft's origin needs no CORS change upstream and
// the token never reaches the browser. Answers stream through unchanged; the upstream's 401
// becomes a 502 that blames the token file (the browser cannot log in on weft's behalf). Node.
import {
  ARROW_STREAM_TYPE,
  jsonAnswer,
  type AnalyticsBackend,
  type AnalyticsAnswer,
} from './analytics-route';

export interface UpstreamOptions {
  baseUrl: string;
  token?: string;
  /** Used when the viewer names none; also marked as the default data source. */
  dataSource?: string;
}

async function forward(
  url: string,
  init: RequestInit,
  signal: AbortSignal,
): Promise<AnalyticsAnswer> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal });
  } catch (error) {
    return textAnswer(502, `weft could not reach the upstream ${url}: ${(error as Error).message}`);
  }
  if (response.status === 401)
    return textAnswer(502, `the upstream ${url} refused weft's token (401): check --token-file`);
  const contentType = response.headers.get('content-type') ?? ARROW_STREAM_TYPE;
  if (!response.body) return { status: response.status, contentType, body: new Uint8Array() };
  return { status: response.status, contentType, body: chunks(response.body) };
}

async function* chunks(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}

function textAnswer(status: number, text: string): AnalyticsAnswer {
  return {
    status,
    contentType: 'text/plain; charset=utf-8',
    body: new TextEncoder().encode(`${text}\n`),
  };
}

export function upstreamAnalytics(options: UpstreamOptions): AnalyticsBackend {
  const base = options.baseUrl.replace(/\/+$/, '');
  const headers: Record<string, string> = { Accept: '*/*' };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  return {
    async dataSources(signal) {
      const answer = await forward(`${base}/api/data-sources`, { headers }, signal);
      if (!options.dataSource || answer.status !== 200) return answer;
      return jsonAnswer(200, [{ name: options.dataSource, is_default: true }]);
    },
    async query(request, signal) {
      const body = JSON.stringify({
        sql: request.sql,
        params: request.params,
        begin: request.begin,
        end: request.end,
        data_source: request.dataSource || options.dataSource || '',
      });
      const init = {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json' },
        body,
      };
      return forward(`${base}/api/query-stream`, init, signal);
    },
    close: async () => {},
  };
}
