// `weft fuzz [--seconds N] [--inputs N] [--seed S]` (npm run fuzz): feeds mutated real captures
// (fuzz-mutate.ts) to the decoder in a child process (fuzz-child.ts), one input at a time, with a
// 2 s time limit (the child is killed) and a 256 MB peak-memory limit per input, and prints how
// many inputs ended in each outcome: decoded, DecodeError by kind and reason class, or failure
// (an exception that is not a DecodeError, a timeout, too much memory, a dead child). Exit 1 on
// any failure; `--seed S --from I --inputs 1` replays input I. Not part of `npm test`. Node only.
import { fork, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decode } from 'cbor-x';
import type { Output } from './decode-command';
import type { FuzzAnswer } from './fuzz-child';
import { mutate, type FuzzFile, type Triplet } from './fuzz-mutate';

const TIME_LIMIT_MS = 2000;
const MEMORY_LIMIT_BYTES = 256 * 1024 * 1024;
const FIXTURES = join(import.meta.dirname, '../../fixtures/micromegas');

/** Every (process, stream, block) of the fixture captures, as files. */
function loadCorpus(): Triplet[] {
  const out: Triplet[] = [];
  for (const capture of readdirSync(FIXTURES).filter((d) => !d.includes('.'))) {
    const dir = join(FIXTURES, capture);
    // Plain Uint8Arrays: Buffer#slice would share memory and let a mutation damage the corpus.
    const file = (name: string): FuzzFile => ({
      name,
      bytes: new Uint8Array(readFileSync(join(dir, name))),
    });
    const process = file('process.cbor');
    for (const streamId of readdirSync(join(dir, 'blocks'))) {
      const stream = file(`streams/${streamId}.cbor`);
      for (const name of readdirSync(join(dir, 'blocks', streamId))) {
        const block = file(`blocks/${streamId}/${name}`);
        if ((decode(block.bytes) as { nb_objects: number }).nb_objects > 0)
          out.push([process, stream, block]);
      }
    }
  }
  return out;
}

class Child {
  private proc: ChildProcess | undefined;
  private ready: Promise<void> | undefined;

  private start(): Promise<void> {
    this.proc = fork(join(import.meta.dirname, 'fuzz-child.ts'), [], {
      execArgv: ['--import', 'tsx', '--max-old-space-size=1024'],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    const proc = this.proc;
    return new Promise((resolve) => proc.once('message', () => resolve()));
  }

  /** Decodes one input; the child is replaced after a timeout or a death. */
  async run(files: FuzzFile[]): Promise<FuzzAnswer & { ms: number }> {
    this.ready ??= this.start();
    await this.ready;
    const proc = this.proc!;
    const sent = performance.now();
    return new Promise((resolve) => {
      const done = (answer: FuzzAnswer) => {
        clearTimeout(timer);
        proc.off('message', onMessage).off('exit', onExit);
        resolve({ ...answer, ms: performance.now() - sent });
      };
      const restart = (outcome: string) => {
        this.ready = undefined;
        proc.kill('SIGKILL');
        done({ outcome, peakGrowthBytes: -1 });
      };
      const onMessage = (answer: FuzzAnswer) => done(answer);
      const onExit = (code: number | null, signal: string | null) =>
        restart(`failure child died (${signal ?? `exit ${code}`})`);
      const timer = setTimeout(() => restart('failure timeout (2 s)'), TIME_LIMIT_MS);
      proc.on('message', onMessage).once('exit', onExit);
      // Exact copies: a view's whole ArrayBuffer (Node's pool, cbor-x's target) would be sent.
      proc.send(files.map((f) => ({ name: f.name, bytes: new Uint8Array(f.bytes) })));
    });
  }

  stop(): void {
    this.proc?.kill('SIGKILL');
  }
}

interface FuzzArgs {
  seconds: number;
  inputs: number;
  seed: number;
  from: number;
}

function parseArgs(args: string[]): FuzzArgs | undefined {
  const out: FuzzArgs = { seconds: Infinity, inputs: Infinity, seed: 1, from: 0 };
  for (let i = 0; i < args.length; i += 2) {
    const key = args[i].replace(/^--/, '') as keyof FuzzArgs;
    const value = Number(args[i + 1]);
    if (!(key in out) || !Number.isFinite(value)) return undefined;
    out[key] = value;
  }
  if (out.seconds === Infinity && out.inputs === Infinity) out.seconds = 60;
  return out;
}

function report(out: Output, counts: Map<string, number>, total: number, args: FuzzArgs): void {
  const sum = (prefix: string) =>
    [...counts].filter(([k]) => k.startsWith(prefix)).reduce((n, [, v]) => n + v, 0);
  out.error(`inputs: ${total} (seed ${args.seed}, from ${args.from})`);
  out.error(`decoded: ${sum('decoded')}`);
  out.error(`DecodeError: ${sum('DecodeError')}`);
  const kinds = new Map<string, number>();
  for (const [k, v] of counts) {
    if (!k.startsWith('DecodeError')) continue;
    const kind = k.split(':')[0];
    kinds.set(kind, (kinds.get(kind) ?? 0) + v);
  }
  for (const [kind, n] of [...kinds].sort((a, b) => b[1] - a[1])) out.error(`  ${kind}: ${n}`);
  const classes = [...counts].filter(([k]) => k.startsWith('DecodeError'));
  out.error(`  reason classes: ${classes.length}; the 12 most frequent:`);
  for (const [k, n] of classes.sort((a, b) => b[1] - a[1]).slice(0, 12))
    out.error(`    ${n} × ${k}`);
  out.error(`failure: ${sum('failure')}`);
  for (const [k, n] of counts) if (k.startsWith('failure')) out.error(`  ${n} × ${k}`);
}

export async function fuzzCommand(args: string[], out: Output): Promise<number> {
  const parsed = parseArgs(args);
  if (!parsed) {
    out.error('usage: weft fuzz [--seconds N] [--inputs N] [--seed S] [--from I]');
    return 2;
  }
  const corpus = loadCorpus();
  const child = new Child();
  const counts = new Map<string, number>();
  const started = Date.now();
  const deadline = started + parsed.seconds * 1000;
  const worst = { ms: 0, peakBytes: 0 };
  let index = parsed.from;
  for (; index - parsed.from < parsed.inputs && Date.now() < deadline; index++) {
    const { label, files } = mutate(parsed.seed, index, corpus);
    const answer = await child.run(files);
    worst.ms = Math.max(worst.ms, answer.ms);
    worst.peakBytes = Math.max(worst.peakBytes, answer.peakGrowthBytes);
    let outcome = answer.outcome;
    if (answer.peakGrowthBytes > MEMORY_LIMIT_BYTES) outcome = 'failure memory over 256 MB';
    if (outcome.startsWith('failure')) out.error(`input ${index} (${label}): ${outcome}`);
    counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  }
  child.stop();
  report(out, counts, index - parsed.from, parsed);
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  const peakMb = (worst.peakBytes / 2 ** 20).toFixed(1);
  out.error(
    `${seconds} s; slowest input ${worst.ms.toFixed(0)} ms, largest memory peak +${peakMb} MB`,
  );
  return [...counts.keys()].some((k) => k.startsWith('failure')) ? 1 : 0;
}
