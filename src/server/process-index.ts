// What the server remembers of one stored process: its files in arrival order (the cursor of the
// live feed) and the few facts of each file the process list shows (FileFacts, taken from its
// decoded envelope once, and kept in index.json so a restart need not decode again). No I/O.
import type { Envelope } from '../decode/envelope';
import { canonicalUuid, type CaptureFileKind } from './ids';

export interface ProcessSummary {
  id: string;
  /** Base URL of the capture folder: `<url>manifest.json`, `<url>process.cbor`, … */
  url: string;
  exe: string | null;
  /** ProcessInfo.start_time as sent (RFC 3339), null until process.cbor arrives. */
  startTime: string | null;
  computer: string | null;
  username: string | null;
  streamCount: number;
  blockCount: number;
  fileCount: number;
  /** Greatest block end_time seen (RFC 3339 as sent). */
  lastBlockTime: string | null;
  /** Wall-clock time (ISO) the server last stored a file of this process. */
  updatedAt: string;
  streamsByTag: Record<string, number>;
  blocksByTag: Record<string, number>;
}

export interface StoredFile {
  /** Position in arrival order; the live feed's cursor after this file is index + 1. */
  index: number;
  path: string;
  kind: CaptureFileKind;
}

/** What the process list needs of one stored file. */
export type FileFacts =
  | { kind: 'process'; exe: string; startTime: string; computer: string; username: string }
  | { kind: 'stream'; streamId: string; tags: string[] }
  /** endTimeNs: the block's end time in ns since the epoch, as a decimal string (JSON). */
  | { kind: 'block'; streamId: string; endTimeNs: string; endTime: string };

export function factsOf(envelope: Envelope): FileFacts {
  if (envelope.kind === 'process') {
    const { exe, startTime, computer, username } = envelope.process;
    return { kind: 'process', exe, startTime, computer, username };
  }
  if (envelope.kind === 'stream') {
    const { streamId, tags } = envelope.stream;
    return { kind: 'stream', streamId, tags };
  }
  const { streamId, endTimeNs, endTime } = envelope.block;
  return { kind: 'block', streamId, endTimeNs: String(endTimeNs), endTime };
}

/** One file as index.json keeps it. */
export interface IndexedFile {
  path: string;
  storedMs: number;
  facts: FileFacts;
}

const canonical = (id: string) => canonicalUuid(id) ?? id;

/** Orders records across processes when wall-clock times tie. */
let recordSequence = 0;

export class ProcessEntry {
  readonly files: StoredFile[] = [];
  /** index.json's records, parallel to `files`. */
  readonly indexed: IndexedFile[] = [];
  private readonly paths = new Set<string>();
  private process: { exe: string; startTime: string; computer: string; username: string } | null =
    null;
  private readonly streamTags = new Map<string, string[]>();
  private readonly blocksPerStream = new Map<string, number>();
  private blockCount = 0;
  private lastBlockEnd: { ns: bigint; text: string } | null = null;
  private updatedMs = 0;
  private lastSequence = 0;

  constructor(readonly id: string) {}

  has(path: string): boolean {
    return this.paths.has(path);
  }

  /** Sorts most recently updated first. */
  static byRecency(a: ProcessEntry, b: ProcessEntry): number {
    return b.updatedMs - a.updatedMs || b.lastSequence - a.lastSequence;
  }

  /** Records a stored file; returns its entry in the arrival list. */
  record(facts: FileFacts, path: string, storedMs: number): StoredFile {
    if (facts.kind === 'process') {
      const { exe, startTime, computer, username } = facts;
      this.process = { exe, startTime, computer, username };
    } else if (facts.kind === 'stream') {
      this.streamTags.set(canonical(facts.streamId), facts.tags);
    } else {
      const key = canonical(facts.streamId);
      this.blocksPerStream.set(key, (this.blocksPerStream.get(key) ?? 0) + 1);
      this.blockCount++;
      const endNs = BigInt(facts.endTimeNs);
      if (!this.lastBlockEnd || endNs > this.lastBlockEnd.ns)
        this.lastBlockEnd = { ns: endNs, text: facts.endTime };
    }
    this.updatedMs = Math.max(this.updatedMs, storedMs);
    this.lastSequence = ++recordSequence;
    const file: StoredFile = { index: this.files.length, path, kind: facts.kind };
    this.files.push(file);
    this.indexed.push({ path, storedMs, facts });
    this.paths.add(path);
    return file;
  }

  summary(): ProcessSummary {
    const streamsByTag: Record<string, number> = {};
    const blocksByTag: Record<string, number> = {};
    for (const [streamId, tags] of this.streamTags) {
      const blocks = this.blocksPerStream.get(streamId) ?? 0;
      for (const tag of tags) {
        streamsByTag[tag] = (streamsByTag[tag] ?? 0) + 1;
        blocksByTag[tag] = (blocksByTag[tag] ?? 0) + blocks;
      }
    }
    return {
      id: this.id,
      url: `/captures/${this.id}/`,
      exe: this.process?.exe ?? null,
      startTime: this.process?.startTime ?? null,
      computer: this.process?.computer ?? null,
      username: this.process?.username ?? null,
      streamCount: this.streamTags.size,
      blockCount: this.blockCount,
      fileCount: this.files.length,
      lastBlockTime: this.lastBlockEnd?.text ?? null,
      updatedAt: new Date(this.updatedMs).toISOString(),
      streamsByTag,
      blocksByTag,
    };
  }
}
