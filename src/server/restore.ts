// Rebuilds the index of one stored capture folder when the server starts: removes temporary
// files a crash left, reads manifest.json for the arrival order, then checks every capture file
// on disk (a file whose content does not match its path is skipped and reported, not served).
// Node only.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { removeTempFiles } from './atomic-file';
import { listCaptureFiles, manifestOrder } from './capture-files';
import { canonicalUuid, MANIFEST_FILE, parseCapturePath } from './ids';
import { checkBody } from './ingest-body';
import { ProcessEntry } from './process-index';

export interface Restored {
  entry: ProcessEntry;
  /** manifest.json is missing or does not list exactly the files found. */
  manifestStale: boolean;
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

export async function restoreProcess(
  dir: string,
  name: string,
  log: (line: string) => void,
): Promise<Restored | undefined> {
  if (canonicalUuid(name) !== name) return undefined;
  await removeTempFiles(dir);
  const onDisk = (await listCaptureFiles(dir)).filter((path) => parseCapturePath(path));
  if (onDisk.length === 0) return undefined;
  const listed = (await manifestFiles(dir)) ?? [];
  const entry = new ProcessEntry(name);
  for (const path of arrivalOrder(onDisk, listed)) {
    const file = join(dir, path);
    const checked = checkBody(parseCapturePath(path)!.kind, await readFile(file), path);
    if (!checked.ok || checked.body.path !== path || checked.body.processId !== name) {
      log(
        `weft: skipping ${file}: ${checked.ok ? 'its content does not match its path' : checked.reason}`,
      );
      continue;
    }
    entry.record(checked.body.envelope, path, (await stat(file)).mtimeMs);
  }
  const restored = entry.files.map((f) => f.path);
  const manifestStale =
    restored.length !== listed.length || restored.some((path, i) => path !== listed[i]);
  return { entry, manifestStale };
}
