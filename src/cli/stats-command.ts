// `weft stats <path>... [--process <id>] [--from <ns> --to <ns>]`: the statistics panel's rows
// (src/model/span-stats.ts through statisticsOf, the panel's code) as CSV. --from/--to are
// nanoseconds after the process start (the URL's `t=`), the range rule of span-filter.ts: spans
// that begin in [from, to). Without --process, the process with the most spans. Empty fields for
// names with no complete span (mean, quantiles, max).
import { csvField } from '../decode/csv';
import { statisticsOf } from '../model/analysis';
import { EMPTY_FILTER, type RangeNs } from '../model/span-filter';
import type { NameStats } from '../model/span-stats';
import { loadSpanTable } from '../queries/span-table';
import { listProcesses } from '../queries/stats';
import type { Output } from './decode-command';
import { onLoadedCaptures } from './load-captures';

const USAGE = 'usage: weft stats <file-or-folder>... [--process <id>] [--from <ns> --to <ns>]';

export const STATS_CSV_HEADER =
  'name,count,total_ns,self_ns,mean_ns,p50_ns,p90_ns,p99_ns,max_ns,migrated,open';

export interface StatsArgs {
  paths: string[];
  processId: string | null;
  range: RangeNs | null;
}

export function parseStatsArgs(args: string[]): StatsArgs | undefined {
  const paths: string[] = [];
  let processId: string | null = null;
  let from: number | undefined;
  let to: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--process') processId = args[++i] ?? '';
    else if (arg === '--from') from = Number(args[++i]);
    else if (arg === '--to') to = Number(args[++i]);
    else paths.push(arg);
  }
  if (paths.length === 0 || processId === '') return undefined;
  if ((from === undefined) !== (to === undefined)) return undefined;
  if (from === undefined || to === undefined) return { paths, processId, range: null };
  if (!Number.isFinite(from) || !Number.isFinite(to) || !(to > from)) return undefined;
  return { paths, processId, range: { startNs: from, endNs: to } };
}

const number = (x: number) => (Number.isFinite(x) ? String(x) : '');

export function statsCsvLine(s: NameStats): string {
  const numbers = [s.count, s.totalNs, s.selfNs, s.meanNs, s.p50Ns, s.p90Ns, s.p99Ns, s.maxNs];
  return [csvField(s.name), ...numbers.map(number), s.migrated, s.open].join(',');
}

export function statsCommand(args: string[], out: Output): Promise<number> {
  return onLoadedCaptures(parseStatsArgs(args), USAGE, out, async (db, parsed) => {
    const processes = await listProcesses(db);
    const chosen = parsed.processId
      ? processes.find((p) => p.processId === parsed.processId)
      : [...processes].sort((a, b) => b.spans - a.spans)[0];
    if (!chosen) {
      const loaded = processes.map((p) => p.processId).join(', ') || 'none';
      out.error(`process ${parsed.processId ?? ''} is not loaded; loaded processes: ${loaded}`);
      return 1;
    }
    if (!parsed.processId && processes.length > 1) out.error(`process: ${chosen.processId}`);
    const table = await loadSpanTable(db, chosen.processId);
    const rows = statisticsOf(table, EMPTY_FILTER, parsed.range);
    await out.write([STATS_CSV_HEADER, ...rows.map(statsCsvLine), ''].join('\n'));
    return 0;
  });
}
