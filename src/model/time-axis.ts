// Time axis ticks: a 1-2-5 step (d3's tickStep, widened until labels fit) for the visible window, each tick labelled with its
// offset from the process start in an adaptive unit (ns, µs, ms or s, by the window's magnitude,
// with as many decimals as the step needs) and with its absolute UTC clock time. Pure: no DOM.
import { tickStep } from 'd3';
import { formatEpochNs } from '../base/time';

export interface AxisTick {
  timeNs: number;
  /** Offset from the process start: "12.5 ms". */
  offsetLabel: string;
  /** UTC time of day of originNs + timeNs: "00:30:20.9225". */
  clockLabel: string;
}

export interface TimeUnit {
  name: 'ns' | 'µs' | 'ms' | 's';
  ns: number;
}

const UNITS: TimeUnit[] = [
  { name: 'ns', ns: 1 },
  { name: 'µs', ns: 1e3 },
  { name: 'ms', ns: 1e6 },
  { name: 's', ns: 1e9 },
];

/** The largest unit not larger than `magnitudeNs` (ns for anything below a µs). */
export function unitFor(magnitudeNs: number): TimeUnit {
  let unit = UNITS[0];
  for (const u of UNITS) if (Math.abs(magnitudeNs) >= u.ns) unit = u;
  return unit;
}

/** Decimals that show a multiple of `stepNs` exactly in `unit` (steps are 1, 2 or 5 × 10^k ns). */
export function decimalsFor(stepNs: number, unitNs: number): number {
  const ratio = stepNs / unitNs;
  return ratio >= 1 ? 0 : Math.min(9, Math.ceil(-Math.log10(ratio) - 1e-9));
}

export interface AxisOptions {
  /** Ask for ticks about this far apart (fewer when the labels need more room). */
  minSpacingCss?: number;
  /** A label's drawn width in CSS px (the canvas measures it); default: 7 px per character. */
  measureCss?: (text: string) => number;
  /** Room kept between one label's end and the next tick. */
  gapCss?: number;
}

const MAX_STEP_TRIES = 64;

/** The next 1-2-5 step above `stepNs` (1 → 2 → 5 → 10 …). */
export function nextStep(stepNs: number): number {
  const decade = 10 ** Math.floor(Math.log10(stepNs) + 1e-9);
  const mantissa = Math.round(stepNs / decade);
  return (mantissa < 2 ? 2 : mantissa < 5 ? 5 : 10) * decade;
}

function ticksAt(startNs: number, endNs: number, stepNs: number, originNs: bigint): AxisTick[] {
  const unit = unitFor(Math.max(Math.abs(startNs), Math.abs(endNs)));
  const offsetDecimals = decimalsFor(stepNs, unit.ns);
  const clockDecimals = decimalsFor(stepNs, 1e9);
  const ticks: AxisTick[] = [];
  for (let k = Math.ceil(startNs / stepNs); k * stepNs <= endNs; k++) {
    const timeNs = k * stepNs;
    ticks.push({
      timeNs,
      offsetLabel: `${(timeNs / unit.ns).toFixed(offsetDecimals)} ${unit.name}`,
      clockLabel: clockTime(originNs + BigInt(Math.round(timeNs)), clockDecimals),
    });
  }
  return ticks;
}

/**
 * Ticks about `minSpacingCss` apart across `widthCss`, on a 1-2-5 step coarse enough that no
 * label reaches the next tick: d3's tickStep may return ~1.5× the ticks asked for, and a clock
 * label with 7 decimals is wider than the requested spacing, so the step grows until the widest
 * measured label (offset or clock) plus `gapCss` fits between two ticks.
 */
export function axisTicks(
  startNs: number,
  endNs: number,
  widthCss: number,
  originNs: bigint,
  options: AxisOptions = {},
): { stepNs: number; ticks: AxisTick[] } {
  const { minSpacingCss = 120, measureCss = (t: string) => 7 * t.length, gapCss = 8 } = options;
  if (!(endNs > startNs) || !(widthCss > 0)) return { stepNs: 1, ticks: [] };
  const count = Math.max(1, Math.floor(widthCss / minSpacingCss));
  let stepNs = Math.max(1, tickStep(startNs, endNs, count));
  for (let tries = 0; ; tries++) {
    const ticks = ticksAt(startNs, endNs, stepNs, originNs);
    const spacingCss = (stepNs / (endNs - startNs)) * widthCss;
    let widestCss = 0;
    for (const t of ticks)
      widestCss = Math.max(widestCss, measureCss(t.offsetLabel), measureCss(t.clockLabel));
    if (ticks.length <= 1 || spacingCss >= widestCss + gapCss || tries === MAX_STEP_TRIES)
      return { stepNs, ticks };
    stepNs = nextStep(stepNs);
  }
}

/** "HH:MM:SS" plus `decimals` digits of the second, UTC. */
export function clockTime(epochNs: bigint, decimals: number): string {
  const text = formatEpochNs(epochNs); // 2026-11-27T00:30:20.922123456Z
  return decimals > 0 ? text.slice(11, 20 + decimals) : text.slice(11, 19);
}

/** "2026-11-27" (UTC) of an epoch time. */
export function clockDate(epochNs: bigint): string {
  return formatEpochNs(epochNs).slice(0, 10);
}
