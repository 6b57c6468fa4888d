// `weft bench stats <path>...`: how long the analysis panels take on a capture's largest process:
// statistics per name and the aggregated call trees (top-down + inverted), for the whole capture
// from a fresh span table (span tree and self times included, as on the first draw), then again
// with them cached (as when a filter or range changes). Median of a few runs, wall time and the
// process's CPU time (on a shared, loaded machine the wall time mostly measures the wait for a
// core; the CPU time is what the work costs). Prints figures; asserts nothing.
import { performance } from 'node:perf_hooks';
import { callTreesOf, spanBasis, statisticsOf } from '../model/analysis';
import { EMPTY_FILTER, type RangeNs } from '../model/span-filter';
import type { SpanTable } from '../model/span-table';
import { loadSpanTable } from '../queries/span-table';
import { listProcesses } from '../queries/stats';
import type { Output } from './decode-command';
import { openAndLoad } from './load-captures';

const RUNS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** A copy of the table, so spanBasis' cache starts empty (a freshly loaded table). */
function fresh(table: SpanTable): SpanTable {
  return { ...table };
}

/** Wall and CPU milliseconds of `step`. */
interface Cost {
  wallMs: number;
  cpuMs: number;
}

function time(step: () => unknown): Cost {
  const cpu = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  const [wall0, cpu0] = [performance.now(), cpu()];
  step();
  return { wallMs: performance.now() - wall0, cpuMs: cpu() - cpu0 };
}

/** Medians of wall and CPU time over runs, each taken on its own. */
function medianCost(costs: Cost[]): Cost {
  return {
    wallMs: median(costs.map((c) => c.wallMs)),
    cpuMs: median(costs.map((c) => c.cpuMs)),
  };
}

function measure(table: SpanTable, range: RangeNs | null) {
  const cold: Cost[] = [];
  const stats: Cost[] = [];
  const trees: Cost[] = [];
  const both: Cost[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = fresh(table);
    cold.push(
      time(() => {
        statisticsOf(t, EMPTY_FILTER, range);
        callTreesOf(t, EMPTY_FILTER, range);
      }),
    );
    spanBasis(t);
    stats.push(time(() => statisticsOf(t, EMPTY_FILTER, range)));
    trees.push(time(() => callTreesOf(t, EMPTY_FILTER, range)));
    const [s, k] = [stats[i], trees[i]];
    both.push({ wallMs: s.wallMs + k.wallMs, cpuMs: s.cpuMs + k.cpuMs });
  }
  return {
    cold: medianCost(cold),
    stats: medianCost(stats),
    trees: medianCost(trees),
    both: medianCost(both),
  };
}

const ms = (c: Cost) => `${c.wallMs.toFixed(0)} ms (cpu ${c.cpuMs.toFixed(0)} ms)`;

export async function benchStats(paths: string[], out: Output): Promise<number> {
  const { db } = await openAndLoad(paths);
  const processes = await listProcesses(db);
  const biggest = [...processes].sort((a, b) => b.spans - a.spans)[0];
  if (!biggest) {
    out.error('no process loaded');
    return 1;
  }
  const table = await loadSpanTable(db, biggest.processId);
  await db.close();
  const { names } = table;
  const half = (table.captureBeginNs + table.captureEndNs) / 2;
  const whole = measure(table, null);
  const firstHalf = measure(table, { startNs: table.captureBeginNs, endNs: half });
  const lines = [
    `input: ${paths.join(' ')} (process ${biggest.processId}: ${table.length} spans, ${names.length} names)`,
    `statistics and aggregated tree, whole capture, first time (span tree + self times included): ${ms(whole.cold)} (median of ${RUNS})`,
    `statistics and aggregated tree for the whole capture, span tree cached: ${ms(whole.both)} (goal ≤ 500 ms)`,
    `statistics, whole capture, span tree cached: ${ms(whole.stats)}`,
    `aggregated tree (top-down + inverted), whole capture, span tree cached: ${ms(whole.trees)}`,
    `statistics + aggregated tree, range = first half of the capture, span tree cached: ${ms(firstHalf.both)}`,
    '',
  ];
  await out.write(lines.join('\n'));
  return 0;
}
