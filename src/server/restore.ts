// Rebuilds the index of one stored capture folder when the server starts, without decoding what
// the folder's index (stored-index.ts) already covers: removes temporary files a crash left,
// lists the capture files on disk (names only), takes each indexed one from the index, and
// decodes only the others (a crash between a write and the next index write, or a lost index),
// in manifest.json's arrival order; a file whose content does not match its path is skipped and
// reported, not served. Decoding goes through the checking thread (check-pool.ts), as ingestion
// does. Node only.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { removeTempFiles } from './atomic-file';
import { listCaptureFiles, manifestOrder } from './capture-files';
import { canonicalUuid, MANIFEST_FILE, parseCapturePath } from './ids';
import type { CheckPool } from './check-pool';
import { ProcessEntry } from './process-index';
import { readIndex } from './stored-index';

export interface Restored {
  entry: ProcessEntry;
  /** manifest.json or the index is missing or does not list exactly the files found. */
  manifestStale: boolean;
  /** How many files had to be decoded (those the index did not cover). */
  decoded: number;
}

async function manifestFiles(dir: string): Promise<string[] | undefined> {
  try {
    const manifest = JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8'));
    const files: unknown = manifest?.files;
    return Array.isArray(files) ? files.filter((f) => typeof f === 'string') : undefined;
  } catch {
    return undefined;
  }
}

/** Files on disk in arrival order: those the manifest lists first, then the others. */
function arrivalOrder(onDisk: string[], listed: string[]): string[] {
  const present = new Set(onDisk);
  const ordered = [...new Set(listed.filter((path) => present.has(path)))];
  const seen = new Set(ordered);
  return [...ordered, ...manifestOrder(onDisk.filter((path) => !seen.has(path)))];
}

/** Decodes one stored file into `entry`; false (and reported) when it does not belong. */
interface Restoring {
  entry: ProcessEntry;
  dir: string;
  checker: CheckPool;
  log: (line: string) => void;
}

async function decodeInto({ entry, dir, checker, log }: Restoring, path: string) {
  const file = join(dir, path);
  const checked = await checker.check(parseCapturePath(path)!.kind, await readFile(file), path);
  if (!checked.ok || checked.path !== path || checked.processId !== entry.id) {
    const why = checked.ok ? 'its content does not match its path' : checked.reason;
    log(`weft: skipping ${file}: ${why}`);
    return;
  }
  entry.record(checked.facts, path, (await stat(file)).mtimeMs);
}

export async function restoreProcess(
  dir: string,
  name: string,
  log: (line: string) => void,
  checker: CheckPool,
): Promise<Restored | undefined> {
  if (canonicalUuid(name) !== name) return undefined;
  await removeTempFiles(dir);
  const onDisk = (await listCaptureFiles(dir)).filter((path) => parseCapturePath(path));
  if (onDisk.length === 0) return undefined;
  const present = new Set(onDisk);
  const index = (await readIndex(dir, name)) ?? [];
  const entry = new ProcessEntry(name);
  for (const file of index)
    if (present.has(file.path) && !entry.has(file.path))
      entry.record(file.facts, file.path, file.storedMs);
  const listed = (await manifestFiles(dir)) ?? [];
  const rest = arrivalOrder(
    onDisk.filter((path) => !entry.has(path)),
    listed,
  );
  for (const path of rest) await decodeInto({ entry, dir, checker, log }, path);
  const restored = entry.files.map((f) => f.path);
  const manifestStale =
    rest.length > 0 ||
    restored.length !== index.length ||
    restored.length !== listed.length ||
    restored.some((path, i) => path !== listed[i]);
  return { entry, manifestStale, decoded: rest.length };
}
