// Ticks → epoch nanoseconds, as micromegas' `async_events` view computes them
// (`make_time_converter_from_latest_timing` in rust/analytics/src/time.rs): one converter per
// process; with no TSC frequency, frequency = round(end_ticks / seconds(end_time − start_time)) of
// the process's block with the greatest end_time; time = start_ns + round((ticks − start_ticks) ×
// (1e9 / frequency)) in IEEE doubles, start_ns added exactly. No DOM, no Node APIs.
import { roundHalfAwayFromZero } from '../base/time';
import { splitInt64, writeSum } from '../base/int64';
import type { ProcessInfo } from './envelope';

export interface BlockTiming {
  endTicks: bigint;
  endTimeNs: bigint;
}

export interface TimeConverter {
  /** Ticks per second, an integer. */
  frequency: number;
  startTicks: bigint;
  startTimeNs: bigint;
}

/** The later of two block timings (greatest end_time, then greatest end_ticks). */
export function laterTiming(a: BlockTiming | undefined, b: BlockTiming): BlockTiming {
  if (!a) return b;
  if (b.endTimeNs !== a.endTimeNs) return b.endTimeNs > a.endTimeNs ? b : a;
  return b.endTicks > a.endTicks ? b : a;
}

/** Returns undefined when no valid frequency can be had yet (no block, or a non-positive estimate). */
export function makeTimeConverter(
  process: ProcessInfo,
  latest: BlockTiming | undefined,
): TimeConverter | undefined {
  const base = { startTicks: process.startTicks, startTimeNs: process.startTimeNs };
  if (process.tscFrequency > 0n) return { ...base, frequency: Number(process.tscFrequency) };
  if (!latest) return undefined;
  const seconds = Number(latest.endTimeNs - process.startTimeNs) / 1e9;
  const frequency = roundHalfAwayFromZero(Number(latest.endTicks) / seconds);
  if (!(frequency > 0) || !Number.isFinite(frequency)) return undefined;
  return { ...base, frequency };
}

/** Converts raw ticks to epoch nanoseconds, exactly as upstream rounds them. */
export function ticksToEpochNs(converter: TimeConverter, ticks: BigInt64Array): BigInt64Array {
  const out = new BigInt64Array(ticks.length);
  const outHalves = new Uint32Array(out.buffer);
  const inHalves = new Uint32Array(ticks.buffer, ticks.byteOffset, ticks.length * 2);
  const invNs = 1e9 / converter.frequency;
  const start = splitInt64(converter.startTimeNs);
  const startTicks = Number(converter.startTicks);
  const fastPath = Number.isSafeInteger(startTicks);
  for (let i = 0; i < ticks.length; i++) {
    const hi = inHalves[i * 2 + 1] | 0;
    let delta: number;
    if (fastPath && hi < 0x200000 && hi >= -0x200000) {
      delta = hi * 4294967296 + inHalves[i * 2] - startTicks;
    } else {
      delta = Number(ticks[i] - converter.startTicks);
    }
    writeSum(start.lo, start.hi, roundHalfAwayFromZero(delta * invNs), outHalves, i);
  }
  return out;
}
