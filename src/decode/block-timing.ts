// Which blocks' timings a process's time converter may use. Upstream's rule (the block with the
// greatest end_time gives the frequency: `make_time_converter_from_latest_timing` in
// rust/analytics/src/time.rs) is kept for plausible data, but one block with an impossible or
// inconsistent timing must not decide every timestamp (an end_time in 2100 rounds the frequency
// to 0). Both the CLI's Capture and the viewer's ingest MergeState use this one table.
// No DOM, no Node APIs.
//
// A block is excluded from the converter when:
// - its own timing is impossible: end_time not after the process's start_time, end_ticks not
//   positive, or end before begin (in ticks or in time); or
// - it is inconsistent with the others: each block implies a frequency F_b = end_ticks /
//   seconds(end_time − process start_time); F is the upper median of the process's F_b. The
//   block's end_time must lie within max(TOLERANCE_NS, TOLERANCE_RATIO × elapsed) of where its
//   end_ticks put it at F (elapsed = end_ticks / F): 1 ms or 0.5 %. The real captures stay within
//   166 ppm (about 1 µs in a 9 ms capture, 0.1 s in an hour), so that is 1000× and 30× margin,
//   while a year's shift, a date in 2100, or 40 ms in a 9 ms capture (a 5× frequency error) is
//   far outside. Of two disagreeing blocks the one with the higher implied frequency is kept (the
//   upper median): which is right cannot be told.
// With a TSC frequency in the process info, block timings are not used and nothing is excluded.
import type { ProcessInfo } from './envelope';
import { DecodeError, toRejected, type RejectedInput } from './errors';
import { laterTiming, makeTimeConverter, type TimeConverter } from './time-converter';

export const TOLERANCE_NS = 1e6;
export const TOLERANCE_RATIO = 0.005;

export interface BlockTiming {
  processId: string;
  blockId: string;
  fileName: string;
  beginTicks: bigint;
  beginTimeNs: bigint;
  endTicks: bigint;
  endTimeNs: bigint;
}

/** The timing fields of a block (or its meta), without holding on to anything else. */
export function blockTiming(block: Omit<BlockTiming, 'fileName'>, fileName: string): BlockTiming {
  const { processId, blockId, beginTicks, beginTimeNs, endTicks, endTimeNs } = block;
  return { processId, blockId, fileName, beginTicks, beginTimeNs, endTicks, endTimeNs };
}

export interface TimingChoice {
  /** The latest of the kept blocks (upstream's rule), undefined when none is usable. */
  latest: BlockTiming | undefined;
  excluded: { timing: BlockTiming; reason: string }[];
}

function impossible(process: ProcessInfo, t: BlockTiming): string | undefined {
  if (t.endTimeNs <= process.startTimeNs) return 'end_time is not after the process start_time';
  if (t.endTicks <= 0n) return 'end_ticks is not positive';
  if (t.endTicks < t.beginTicks) return 'end_ticks is before begin_ticks';
  if (t.endTimeNs < t.beginTimeNs) return 'end_time is before begin_time';
  return undefined;
}

const impliedFrequency = (process: ProcessInfo, t: BlockTiming) =>
  Number(t.endTicks) / (Number(t.endTimeNs - process.startTimeNs) / 1e9);

/** How far (ns) the block's end_time is from where its end_ticks put it at `frequency`. */
function deviationNs(process: ProcessInfo, t: BlockTiming, frequency: number) {
  const elapsedNs = (Number(t.endTicks) / frequency) * 1e9;
  const actualNs = Number(t.endTimeNs - process.startTimeNs);
  const allowedNs = Math.max(TOLERANCE_NS, TOLERANCE_RATIO * elapsedNs);
  return { offNs: Math.abs(actualNs - elapsedNs), allowedNs };
}

/** Splits a process's block timings into those the converter may use and those it must not. */
export function chooseTiming(process: ProcessInfo, timings: BlockTiming[]): TimingChoice {
  if (process.tscFrequency > 0n)
    return { latest: timings.reduce(laterOrFirst, undefined), excluded: [] };
  const excluded: TimingChoice['excluded'] = [];
  const sane: BlockTiming[] = [];
  for (const t of timings) {
    const reason = impossible(process, t);
    if (reason) excluded.push({ timing: t, reason: `impossible timing: ${reason}` });
    else sane.push(t);
  }
  const frequencies = sane.map((t) => impliedFrequency(process, t)).sort((a, b) => a - b);
  const median = frequencies[frequencies.length >> 1];
  let latest: BlockTiming | undefined;
  for (const t of sane) {
    const { offNs, allowedNs } = deviationNs(process, t, median);
    if (offNs <= allowedNs) latest = laterOrFirst(latest, t);
    else excluded.push({ timing: t, reason: inconsistency(offNs, allowedNs, median) });
  }
  return { latest, excluded };
}

function laterOrFirst(a: BlockTiming | undefined, b: BlockTiming): BlockTiming {
  return laterTiming(a, b) as BlockTiming;
}

function inconsistency(offNs: number, allowedNs: number, medianHz: number): string {
  const off = (offNs / 1e9).toPrecision(4);
  const allowed = (allowedNs / 1e9).toPrecision(3);
  return (
    `timing inconsistent with the process's other blocks: end_time is ${off} s from where ` +
    `end_ticks put it at their median ${Math.round(medianHz)} ticks/s (more than ${allowed} s); ` +
    `excluded from the time converter, its events are timed by the others`
  );
}

/** Every block timing of every process, with each process's choice cached until a block comes. */
export class TimingTable {
  private readonly byProcess = new Map<string, BlockTiming[]>();
  private readonly choices = new Map<string, TimingChoice>();

  add(timing: BlockTiming): void {
    const list = this.byProcess.get(timing.processId) ?? [];
    list.push(timing);
    this.byProcess.set(timing.processId, list);
    this.choices.delete(timing.processId);
  }

  processIds(): IterableIterator<string> {
    return this.byProcess.keys();
  }

  choice(process: ProcessInfo): TimingChoice {
    let choice = this.choices.get(process.processId);
    if (!choice) {
      choice = chooseTiming(process, this.byProcess.get(process.processId) ?? []);
      this.choices.set(process.processId, choice);
    }
    return choice;
  }

  converter(process: ProcessInfo): TimeConverter | undefined {
    return makeTimeConverter(process, this.choice(process).latest);
  }

  /** The excluded blocks of the given processes, as rejected inputs. */
  rejections(processes: Iterable<ProcessInfo>): RejectedInput[] {
    const out: RejectedInput[] = [];
    for (const process of processes) {
      for (const { timing, reason } of this.choice(process).excluded) {
        const where = { fileName: timing.fileName, blockId: timing.blockId };
        out.push(toRejected(new DecodeError('inconsistent-timing', where, reason)));
      }
    }
    return out;
  }
}
