// The statistics table's columns: label, how a row's cell reads, and the sort key. No React.
import { formatCount } from '../../base/count';
import { formatDurationNs } from '../../base/time';
import type { NameStats } from '../../model/span-stats';

export type StatsKey = Exclude<keyof NameStats, 'nameIndex'>;

export interface StatsColumn {
  key: StatsKey;
  label: string;
  title: string;
  text(row: NameStats): string;
}

const duration = (ns: number) => (Number.isFinite(ns) ? formatDurationNs(ns) : '—');

const QUANTILE_TITLE =
  'Of the complete spans: linear interpolation between the two nearest ranks (DuckDB quantile_cont), as the histogram';

export const STATS_COLUMNS: StatsColumn[] = [
  { key: 'name', label: 'Name', title: 'Span name', text: (r) => r.name },
  { key: 'count', label: 'Count', title: 'Complete spans', text: (r) => formatCount(r.count) },
  {
    key: 'totalNs',
    label: 'Total',
    title: 'Sum of the complete spans’ durations',
    text: (r) => duration(r.totalNs),
  },
  {
    key: 'selfNs',
    label: 'Self',
    title: 'Sum of self times: duration minus the union of the children (overlaps merged)',
    text: (r) => duration(r.selfNs),
  },
  { key: 'meanNs', label: 'Mean', title: 'Total / count', text: (r) => duration(r.meanNs) },
  { key: 'p50Ns', label: 'p50', title: QUANTILE_TITLE, text: (r) => duration(r.p50Ns) },
  { key: 'p90Ns', label: 'p90', title: QUANTILE_TITLE, text: (r) => duration(r.p90Ns) },
  { key: 'p99Ns', label: 'p99', title: QUANTILE_TITLE, text: (r) => duration(r.p99Ns) },
  { key: 'maxNs', label: 'Max', title: 'Longest complete span', text: (r) => duration(r.maxNs) },
  {
    key: 'migrated',
    label: 'Migrated',
    title: 'Spans that began and ended on different threads',
    text: (r) => formatCount(r.migrated),
  },
  {
    key: 'open',
    label: 'Open',
    title: 'Open spans (no end seen) and orphan ends (no begin seen)',
    text: (r) => formatCount(r.open),
  },
];

/** Rows sorted by `key` (names ascending, numbers descending first); NaN last; ties by name. */
export function sortStats(rows: NameStats[], key: StatsKey, descending: boolean): NameStats[] {
  const sign = descending ? -1 : 1;
  const byName = (a: NameStats, b: NameStats) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  return [...rows].sort((a, b) => {
    if (key === 'name') return sign * byName(a, b);
    const [x, y] = [a[key], b[key]];
    if (Number.isNaN(x) || Number.isNaN(y))
      return Number(Number.isNaN(x)) - Number(Number.isNaN(y));
    return sign * (x - y) || byName(a, b);
  });
}
