// The memory budget of a load, checked before it starts: the inputs' envelopes are surveyed
// (src/ingest/survey.ts: block headers' nb_objects held to what their buffers can hold), the
// memory they need is estimated from what `weft bench ui` measures per event, and past the
// tab's budget the user is told what will not fit and chooses: load anyway, load the first part
// that fits (a time range of blocks), or cancel. No React.
import { compare } from '../base/compare';
import type { AppStore } from './app-state';
import type { LoadInput } from './backend';
import {
  estimateEvents,
  MAX_EVENTS_PER_BYTE,
  surveyInput,
  type EventEstimate,
  type InputSurvey,
} from '../ingest/survey';

/**
 * Renderer memory a span event takes at the load's peak, not once settled: what the tab must hold
 * while loading. `weft bench ui` prints both on its `renderer memory: N B per event` line: settled
 * ~82 B, and `peak during the load` (RssAnon of the renderer processes sampled every 100 ms,
 * without a GC: garbage a tab keeps too, idle workers never collect theirs). Measured on this
 * machine (2 shared cores, Chromium 156) with the bench and a scratch probe sampling as it does:
 * large (3.52M events) peaked at 646-690 MB over 5 loads, 184-195 B per event (778-857 MB before
 * ingest stopped queuing every span row's IPC and packed its spans sooner); medium (199K) at
 * 73-128 MB. A line through the worst of both gives ~170 B per event and ~94 MB: this and
 * FIXED_BYTES cover both with a margin (large 810 MB, medium 145 MB). The survey's estimate is an
 * upper bound (1.36 times the events of these captures), which adds to the margin.
 */
export const BYTES_PER_EVENT = 200;
/**
 * What a load costs besides its events: DuckDB's WebAssembly memory grows by ~25 MB for medium's
 * first rows (17 MB to 42 MB), workers build their heaps, the panels lay out (a load of `small`,
 * 378 events, grew the renderer by 3 MB only: DuckDB and the workers start with the page).
 */
export const FIXED_BYTES = 100 * 2 ** 20;
/** The budget when the browser tells nothing of the device. */
const DEFAULT_BUDGET_BYTES = 2 * 2 ** 30;

export function neededBytes(events: number): number {
  return FIXED_BYTES + events * BYTES_PER_EVENT;
}

/**
 * The tab's budget: `?budget=<MB>` in the page address wins; else half the device's memory as
 * the browser reports it (navigator.deviceMemory, GB, which browsers cap at 8); else 2 GiB.
 */
export function budgetBytes(pageHref: string, deviceMemoryGb: number | undefined): number {
  const param = Number(new URL(pageHref).searchParams.get('budget') ?? NaN);
  if (Number.isFinite(param) && param > 0) return param * 1e6;
  if (deviceMemoryGb !== undefined && deviceMemoryGb > 0) return (deviceMemoryGb * 2 ** 30) / 2;
  return DEFAULT_BUDGET_BYTES;
}

export interface FittingPart {
  /** Inputs of the blocks that fit (the first ones by begin time). */
  inputs: Set<number>;
  events: number;
  beginNs: bigint;
  /** Where the first block left out begins. */
  endNs: bigint;
}

/** The first blocks by begin time whose events fit in `budget`; null when not even one does. */
export function fittingPart(estimate: EventEstimate, budget: number): FittingPart | null {
  const { blocks } = estimate;
  let events = 0;
  let count = 0;
  while (count < blocks.length && neededBytes(events + blocks[count].events) <= budget)
    events += blocks[count++].events;
  if (count === 0 || count === blocks.length) return null;
  const inputs = new Set(blocks.slice(0, count).map((b) => b.input));
  return { inputs, events, beginNs: blocks[0].beginNs, endNs: blocks[count].beginNs };
}

export interface BudgetWarning {
  /** Span events the inputs can bring, at most, and the blocks holding them. */
  events: number;
  blocks: number;
  neededBytes: number;
  budgetBytes: number;
  fit: Omit<FittingPart, 'inputs'> | null;
}

export type BudgetChoice = 'anyway' | 'fit' | 'cancel';

/** Inputs read at once by the survey. */
const SURVEY_READS = 16;

/** An input's envelope, and the input as the bytes read (so the load does not read it again). */
async function survey(input: LoadInput): Promise<[InputSurvey, LoadInput]> {
  if (input.kind === 'url') return [{ kind: 'other' }, input]; // read by the load, once
  if (input.kind === 'bytes') return [surveyInput(input.bytes, input.path), input];
  const bytes = new Uint8Array(await input.file.arrayBuffer());
  return [surveyInput(bytes, input.path), { kind: 'bytes', bytes, path: input.path }];
}

/**
 * Bytes the inputs hold (URLs: unknown until fetched, 0); null when some are files: Chromium may
 * ask the browser process for a picked file's size, one synchronous round trip per file (192
 * files: ~130 ms before the load starts), while reading them is needed anyway.
 */
function knownBytes(inputs: LoadInput[]): number | null {
  let sum = 0;
  for (const i of inputs) {
    if (i.kind === 'file') return null;
    sum += i.kind === 'bytes' ? i.bytes.byteLength : 0;
  }
  return sum;
}

/** Every input surveyed, SURVEY_READS files read at any time (off the main thread). */
async function surveyAll(inputs: LoadInput[]): Promise<[InputSurvey, LoadInput][]> {
  const read: [InputSurvey, LoadInput][] = new Array(inputs.length);
  let next = 0;
  const reader = async () => {
    while (next < inputs.length) {
      const i = next++;
      read[i] = await survey(inputs[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(SURVEY_READS, inputs.length) }, reader));
  return read;
}

/**
 * The surveyed inputs in the order the load takes them (those `keep` keeps): every input that is
 * not a block (process and stream files, unreadable ones) first, in the order given, so a block's
 * stream is merged before the block reaches a worker (else the block is held and decoded again:
 * src/ingest/scheduler.ts), whatever the files are named (picked files carry no folder that says
 * which are streams); then the blocks by begin time (ties in the order given), so what is merged
 * at any moment is the capture's beginning on every thread, which a preview shows (preview.ts).
 */
function loadOrder(read: [InputSurvey, LoadInput][], keep = (_i: number) => true): LoadInput[] {
  const others: LoadInput[] = [];
  const blocks: { beginNs: bigint; index: number; input: LoadInput }[] = [];
  read.forEach(([survey, input], index) => {
    if (!keep(index)) return;
    if (survey.kind === 'block') blocks.push({ beginNs: survey.beginNs, index, input });
    else others.push(input);
  });
  blocks.sort((a, b) => compare(a.beginNs, b.beginNs) || a.index - b.index);
  return [...others, ...blocks.map((b) => b.input)];
}

export class BudgetGate {
  private answer: ((choice: BudgetChoice) => void) | null = null;

  constructor(
    private readonly app: AppStore,
    private readonly budget: number,
  ) {}

  /**
   * The inputs to load: all when they fit (files always surveyed, other inputs only when even
   * the densest bytes might not; surveyed files come back as the bytes read), else as the user
   * chooses (`choose`): all, the fitting part, or none (null).
   */
  async check(inputs: LoadInput[]): Promise<LoadInput[] | null> {
    const known = knownBytes(inputs);
    if (known !== null && neededBytes(known * MAX_EVENTS_PER_BYTE) <= this.budget) return inputs;
    const read = await surveyAll(inputs);
    const estimate = estimateEvents(read.map(([s]) => s));
    const needed = neededBytes(estimate.events);
    if (needed <= this.budget) return loadOrder(read);
    const fit = fittingPart(estimate, this.budget);
    const warning: BudgetWarning = {
      events: estimate.events,
      blocks: estimate.blocks.length,
      neededBytes: needed,
      budgetBytes: this.budget,
      fit: fit && { events: fit.events, beginNs: fit.beginNs, endNs: fit.endNs },
    };
    const answered = new Promise<BudgetChoice>((resolve) => (this.answer = resolve));
    this.app.setState({ budgetWarning: warning });
    const choice = await answered;
    this.app.setState({ budgetWarning: null });
    if (choice === 'anyway') return loadOrder(read);
    if (choice === 'cancel' || !fit) return null;
    const spanBlocks = new Set(estimate.blocks.map((b) => b.input));
    return loadOrder(read, (i) => !spanBlocks.has(i) || fit.inputs.has(i));
  }

  /** The user's answer to the warning shown (ignored when none is). */
  choose(choice: BudgetChoice): void {
    const answer = this.answer;
    this.answer = null;
    answer?.(choice);
  }
}
