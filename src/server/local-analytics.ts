// The analytics protocol over weft's own capture store: one data source, `weft`; each query is
// checked read-only, its `$name` params substituted as upstream does, and run by a query engine
// (src/cli/analytics-engine.ts: DuckDB in a worker thread) that answers with frames. Refusals
// and unknown data sources answer as upstream's stream_query.rs does (403 FORBIDDEN, 400/404
// DATA_SOURCE_NOT_FOUND, an error frame as the JSON body). Node only.
import { parseRfc3339Ns } from '../base/time';
import { ARROW_STREAM_TYPE, jsonAnswer, type AnalyticsBackend } from './analytics-route';
import { refusal, substituteMacros } from './read-only-sql';

export const LOCAL_DATA_SOURCE = 'weft';

export interface QueryEngine {
  /** The answer's bytes: frames, ending with `done` or an `error` frame. */
  run(
    sql: string,
    bounds: { beginNs?: bigint; endNs?: bigint },
    signal: AbortSignal,
  ): AsyncIterable<Uint8Array>;
  close(): Promise<void>;
}

const errorFrame = (code: string, message: string) => ({ type: 'error', code, message });

export function localAnalytics(engine: QueryEngine): AnalyticsBackend {
  return {
    async dataSources() {
      return jsonAnswer(200, [{ name: LOCAL_DATA_SOURCE, is_default: true }]);
    },
    async query(request, signal) {
      if (request.dataSource === '')
        return jsonAnswer(400, errorFrame('DATA_SOURCE_NOT_FOUND', 'No data source specified'));
      if (request.dataSource !== LOCAL_DATA_SOURCE)
        return jsonAnswer(
          404,
          errorFrame('DATA_SOURCE_NOT_FOUND', `Data source '${request.dataSource}' not found`),
        );
      const sql = substituteMacros(request.sql, request.params);
      const refused = refusal(sql);
      if (refused) return jsonAnswer(403, errorFrame('FORBIDDEN', refused));
      const bounds = {
        beginNs: request.begin === undefined ? undefined : parseRfc3339Ns(request.begin),
        endNs: request.end === undefined ? undefined : parseRfc3339Ns(request.end),
      };
      return { status: 200, contentType: ARROW_STREAM_TYPE, body: engine.run(sql, bounds, signal) };
    },
    close: () => engine.close(),
  };
}
