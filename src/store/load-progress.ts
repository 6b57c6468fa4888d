// One progress bar over the named phases of a load: reading the files, decoding them (merged
// into ingest's columns), laying out the first view (span table, lanes), and indexing (the
// database storing the rows behind the first frame). Phases overlap in time (reading runs ahead
// of decoding; indexing goes on while the view is laid out), so the bar is the sum of each
// phase's done fraction times its weight: its share of a load's time, measured on the large
// capture with `weft bench ui` (see PHASE_WEIGHTS). The bar reaches 100% only when every phase
// is done. Also the helpers of a load: User Timing marks, an empty progress, failure and source
// wording. No React.
import { emptyProgress } from '../ingest/protocol';
import type { LoadProgress } from './backend';
import { SourceError } from './process-source';
import { RemoteError } from './remote-source';

export { emptyProgress };

export type LoadPhaseName = 'reading' | 'decoding' | 'laying out' | 'indexing';

export const PHASE_NAMES: readonly LoadPhaseName[] = [
  'reading',
  'decoding',
  'laying out',
  'indexing',
];

/** Done fraction of each phase, 0..1. */
export type PhaseFractions = Record<LoadPhaseName, number>;

/**
 * Share of a load's wall time each phase accounts for, measured on the large capture (3.52M
 * events, 2 shared cores, headless Chromium) from the User Timing marks of `weft bench ui`
 * (2026-12-03, main 87bff9b): drop → weft:merged 2.3 s (reading runs ahead of decoding and takes
 * a small part of it), weft:merged → weft:first-view 1.2 s, weft:first-view → idle 3.9 s. They
 * sum to 1.
 */
export const PHASE_WEIGHTS: Readonly<PhaseFractions> = {
  reading: 0.05,
  decoding: 0.26,
  'laying out': 0.16,
  indexing: 0.53,
};

/** What the app knows of a load beyond ingest's own report. */
export interface LoadSteps {
  /** The first view (span table, lanes) of the merged data is drawn. */
  laidOut: boolean;
  /** Bytes the database has stored / was given; 1 when it is caught up. */
  indexed: number;
}

export const NO_STEPS: LoadSteps = { laidOut: false, indexed: 0 };

const clamp01 = (x: number) => (x > 1 ? 1 : x > 0 ? x : 0);

/** Fraction of a load's bytes (files, when sizes are unknown) done by `done` bytes, 0..1. */
function fractionOf(p: LoadProgress | null, done: number): number {
  if (p === null) return 0;
  if (p.bytesTotal > 0) return clamp01(done / p.bytesTotal);
  return p.filesTotal > 0 ? clamp01(p.filesDone / p.filesTotal) : 0;
}

/** Fraction of a load merged into ingest's columns (the decoding phase's), 0..1. */
export function mergedFraction(p: LoadProgress | null): number {
  return fractionOf(p, p?.bytesDone ?? 0);
}

export function phaseFractions(p: LoadProgress | null, steps: LoadSteps): PhaseFractions {
  // decoding never runs ahead of reading: what is merged was read
  const decoding = mergedFraction(p);
  return {
    reading: Math.max(decoding, fractionOf(p, p?.bytesRead ?? 0)),
    decoding,
    'laying out': steps.laidOut ? 1 : 0,
    indexing: clamp01(steps.indexed),
  };
}

/** The bar, 0..1: Σ weight × fraction; 1 only when every phase is done. */
export function weightedFraction(
  f: PhaseFractions,
  weights: Readonly<PhaseFractions> = PHASE_WEIGHTS,
): number {
  let sum = 0;
  let done = true;
  for (const name of PHASE_NAMES) {
    sum += weights[name] * f[name];
    if (f[name] < 1) done = false;
  }
  // rounding may add up to 1 a little early: only a finished load shows 100%
  return done ? 1 : Math.min(sum, 0.999);
}

/** The phase to name on the bar: the first one not done, or null when all are. */
export function currentPhase(f: PhaseFractions): LoadPhaseName | null {
  return PHASE_NAMES.find((name) => f[name] < 1) ?? null;
}

/** A User Timing mark (weft:…) so profiles and `weft bench ui` can split a load into steps. */
export function mark(step: string): void {
  globalThis.performance?.mark?.(`weft:${step}`);
}

export function describe(error: unknown): string {
  if (error instanceof SourceError || error instanceof RemoteError) return error.message;
  return `Loading failed: ${error instanceof Error ? error.message : String(error)}`;
}

/** Names what a drop or pick holds: its one file, its common folder, or a file count. */
export function inputsLabel(inputs: { path: string }[]): string {
  if (inputs.length === 1) return inputs[0].path;
  const folders = new Set(inputs.map((i) => (i.path.includes('/') ? i.path.split('/')[0] : '')));
  const [folder] = folders;
  if (folders.size === 1 && folder) return `${folder}/ (${inputs.length} files)`;
  return `${inputs.length} files`;
}
