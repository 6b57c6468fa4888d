// The files of a capture folder on disk (process.cbor, streams/*.cbor, blocks/*/*.cbor) and its
// manifest.json, which lists them for static hosts that cannot list folders:
//   { "process_id": "<uuid or null>", "files": ["process.cbor", "streams/<id>.cbor", ...] }
// Paths are relative to the folder, process first, then streams, then blocks, each sorted.
// Node only; does not decode file contents.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { MANIFEST_FILE, PROCESS_FILE } from './ids';
import { isTempFile, writeFileAtomic } from './atomic-file';

export interface Manifest {
  process_id: string | null;
  files: string[];
}

async function entries(dir: string): Promise<{ name: string; isDir: boolean }[]> {
  try {
    const list = await readdir(dir, { withFileTypes: true });
    return list
      .map((e) => ({ name: e.name, isDir: e.isDirectory() }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

const isCbor = (e: { name: string; isDir: boolean }) =>
  !e.isDir && e.name.endsWith('.cbor') && !isTempFile(e.name) && !e.name.startsWith('.');

/** Relative paths of the capture files in `dir`, in manifest order. Other files are ignored. */
export async function listCaptureFiles(dir: string): Promise<string[]> {
  const top = await entries(dir);
  const files = top.some((e) => e.name === PROCESS_FILE && !e.isDir) ? [PROCESS_FILE] : [];
  for (const e of (await entries(join(dir, 'streams'))).filter(isCbor))
    files.push(`streams/${e.name}`);
  for (const stream of (await entries(join(dir, 'blocks'))).filter((e) => e.isDir)) {
    for (const e of (await entries(join(dir, 'blocks', stream.name))).filter(isCbor))
      files.push(`blocks/${stream.name}/${e.name}`);
  }
  return files;
}

const RANK: Record<string, number> = { process: 0, streams: 1, blocks: 2 };
const rank = (path: string) => RANK[path === PROCESS_FILE ? 'process' : path.split('/')[0]] ?? 3;

/** Puts paths in manifest order: process, streams, blocks, each sorted. */
export function manifestOrder(paths: Iterable<string>): string[] {
  return [...paths].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

export function manifestText(processId: string | null, files: string[]): string {
  const manifest: Manifest = { process_id: processId, files };
  return `${JSON.stringify(manifest, null, 1)}\n`;
}

export async function writeManifest(
  dir: string,
  processId: string | null,
  files: string[],
): Promise<void> {
  await writeFileAtomic(join(dir, MANIFEST_FILE), manifestText(processId, files));
}
