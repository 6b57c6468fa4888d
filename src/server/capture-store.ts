// The capture store: one capture folder per process under the data directory
// (<data>/<process_id>/process.cbor, streams/<stream_id>.cbor, blocks/<stream_id>/<block_id>.cbor,
// manifest.json), holding the exact bytes each body arrived with. Writes are atomic and
// serialized per process; the first body stored under a path wins: the same bytes again are a
// no-op (a retry, as upstream's `ON CONFLICT DO NOTHING`), different bytes are a conflict. manifest.json lists files in arrival order and is rewritten
// shortly after changes (and on close); the in-memory index is authoritative while running and is
// rebuilt from the folders on open. Node only; knows nothing of HTTP.
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-file';
import { manifestText, writeManifest } from './capture-files';
import { StoreHealth } from './health';
import { CheckPool, type CheckLimits } from './check-pool';
import type { CaptureFileKind } from './ids';
import { ProcessEntry, type ProcessSummary, type StoredFile } from './process-index';
import { restoreProcess } from './restore';
import { writeIndex } from './stored-index';

export type IngestResult =
  | { status: 'stored' | 'duplicate' | 'conflict'; processId: string; path: string }
  | { status: 'rejected'; reason: string };

export type FileListener = (file: StoredFile) => void;

const MANIFEST_DELAY_MS = 250;

export class CaptureStore {
  private readonly entries = new Map<string, ProcessEntry>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly listeners = new Map<string, Set<FileListener>>();
  private readonly manifestTimers = new Map<string, NodeJS.Timeout>();
  /** Stored files decoded when the store opened (those no folder index covered). */
  decodedAtOpen = 0;
  /** Whether the store can write (GET /health). */
  readonly health: StoreHealth;

  private constructor(
    readonly dataDir: string,
    private readonly log: (line: string) => void,
    private readonly checker: CheckPool,
  ) {
    this.health = new StoreHealth(dataDir);
  }

  /** Opens (creating if needed) a data directory and indexes the captures already in it. */
  static async open(
    dataDir: string,
    log: (line: string) => void = () => {},
    checkLimits?: CheckLimits,
  ): Promise<CaptureStore> {
    const store = new CaptureStore(dataDir, log, new CheckPool(checkLimits));
    await mkdir(dataDir, { recursive: true });
    for (const dirent of await readdir(dataDir, { withFileTypes: true })) {
      if (!dirent.isDirectory()) continue;
      const dir = join(dataDir, dirent.name);
      const restored = await restoreProcess(dir, dirent.name, log, store.checker);
      if (!restored) continue;
      store.entries.set(restored.entry.id, restored.entry);
      store.decodedAtOpen += restored.decoded;
      if (restored.manifestStale) store.scheduleManifest(restored.entry.id);
    }
    return store;
  }

  /**
   * Checks (off the event loop, see check-pool.ts) and stores one ingestion body of the given
   * kind. Throws only on I/O failure.
   */
  async ingest(expected: CaptureFileKind, bytes: Uint8Array): Promise<IngestResult> {
    const checked = await this.checker.check(expected, bytes, `insert_${expected}`);
    if (!checked.ok) return { status: 'rejected', reason: checked.reason };
    const { processId, path, facts } = checked;
    return this.serialize(processId, async () => {
      const target = join(this.dataDir, processId, path);
      if (this.entries.get(processId)?.has(path)) {
        const same = Buffer.from(bytes).equals(await readFile(target));
        return { status: same ? 'duplicate' : 'conflict', processId, path };
      }
      await writeFileAtomic(target, bytes).then(
        () => this.health.wrote(),
        (error: unknown) => {
          this.health.wrote(error);
          throw error;
        },
      );
      const file = this.entry(processId).record(facts, path, Date.now());
      this.scheduleManifest(processId);
      for (const listener of this.listeners.get(processId) ?? []) listener(file);
      return { status: 'stored', processId, path };
    });
  }

  /** Every process, most recently updated first. */
  list(): ProcessSummary[] {
    return [...this.entries.values()].sort(ProcessEntry.byRecency).map((entry) => entry.summary());
  }

  has(processId: string): boolean {
    return this.entries.has(processId);
  }

  /** Files of a process in arrival order, from cursor `since`; undefined for an unknown process. */
  files(processId: string, since = 0): StoredFile[] | undefined {
    return this.entries.get(processId)?.files.slice(Math.max(0, since));
  }

  /** The current manifest.json text of a process (always up to date, unlike the file on disk). */
  manifest(processId: string): string | undefined {
    const entry = this.entries.get(processId);
    return (
      entry &&
      manifestText(
        entry.id,
        entry.files.map((f) => f.path),
      )
    );
  }

  /** Absolute path of a stored file, only if the process has it (so never outside the store). */
  filePath(processId: string, path: string): string | undefined {
    return this.entries.get(processId)?.has(path) ? join(this.dataDir, processId, path) : undefined;
  }

  /** Calls `listener` for every file stored for `processId` from now on; returns unsubscribe. */
  subscribe(processId: string, listener: FileListener): () => void {
    const set = this.listeners.get(processId) ?? new Set<FileListener>();
    set.add(listener);
    this.listeners.set(processId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(processId);
    };
  }

  /** Writes what is pending and stops the checking thread. */
  async close(): Promise<void> {
    await this.flush();
    await this.checker.close();
  }

  /** Writes every pending manifest.json now and waits for all queued writes. */
  async flush(): Promise<void> {
    for (const [processId, timer] of this.manifestTimers) {
      clearTimeout(timer);
      this.manifestTimers.delete(processId);
      void this.serialize(processId, () => this.writeManifestOf(processId));
    }
    await Promise.all([...this.queues.values()]);
  }

  private entry(processId: string): ProcessEntry {
    let entry = this.entries.get(processId);
    if (!entry) {
      entry = new ProcessEntry(processId);
      this.entries.set(processId, entry);
    }
    return entry;
  }

  /** Runs `task` after every earlier task of the same process (a failure does not break the chain). */
  private serialize<T>(processId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(processId) ?? Promise.resolve();
    const result = previous.then(task);
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(processId, settled);
    void settled.then(() => {
      if (this.queues.get(processId) === settled) this.queues.delete(processId);
    });
    return result;
  }

  private scheduleManifest(processId: string): void {
    if (this.manifestTimers.has(processId)) return;
    const timer = setTimeout(() => {
      this.manifestTimers.delete(processId);
      void this.serialize(processId, () => this.writeManifestOf(processId));
    }, MANIFEST_DELAY_MS);
    timer.unref();
    this.manifestTimers.set(processId, timer);
  }

  private async writeManifestOf(processId: string): Promise<void> {
    const entry = this.entries.get(processId);
    if (!entry) return;
    try {
      const dir = join(this.dataDir, processId);
      await writeIndex(dir, entry.id, entry.indexed);
      await writeManifest(
        dir,
        entry.id,
        entry.files.map((f) => f.path),
      );
    } catch (error) {
      this.log(`weft: could not write the manifest of ${processId}: ${(error as Error).message}`);
    }
  }
}
