// Crash-safe file writes: bytes go to a temporary file in the target's folder, are flushed to
// disk, then renamed over the target, so a reader (or a restart after a crash) sees either the
// whole old file, the whole new one, or none. Node only; knows nothing of captures.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const TEMP_SUFFIX = '.weft-tmp';

export async function writeFileAtomic(path: string, bytes: Uint8Array | string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(
    dirname(path),
    `.${basename(path)}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`,
  );
  const handle = await open(temp, 'wx');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temp, path);
}

export function isTempFile(name: string): boolean {
  return name.endsWith(TEMP_SUFFIX);
}

/** Removes temporary files a crash left in `dir` and its sub-folders; returns how many. */
export async function removeTempFiles(dir: string): Promise<number> {
  let removed = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && isTempFile(entry.name)) {
      await rm(join(entry.parentPath, entry.name), { force: true });
      removed++;
    }
  }
  return removed;
}
