// index.json of a capture folder (stored as `.weft-index.json`, beside manifest.json): what the
// server knows of each stored file (path, arrival time, the facts the process list shows), in
// arrival order, so a restart rebuilds the process list without decoding a single stored body.
// Written atomically with the manifest; a missing, corrupt or stale index only costs decoding
// the files it does not cover (restore.ts). Node only.
//   { "version": 1, "process_id": "<uuid>", "files": [{ "path", "storedMs", "facts" }] }
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-file';
import { parseCapturePath } from './ids';
import type { FileFacts, IndexedFile } from './process-index';

export const INDEX_FILE = '.weft-index.json';
const VERSION = 1;

type Json = Record<string, unknown>;
const isText = (v: unknown): v is string => typeof v === 'string';
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null;

function validFacts(facts: unknown, kind: string): facts is FileFacts {
  if (!isObject(facts) || facts.kind !== kind) return false;
  if (kind === 'process')
    return [facts.exe, facts.startTime, facts.computer, facts.username].every(isText);
  if (kind === 'stream')
    return isText(facts.streamId) && Array.isArray(facts.tags) && facts.tags.every(isText);
  return (
    isText(facts.streamId) &&
    isText(facts.endTime) &&
    isText(facts.endTimeNs) &&
    /^-?\d{1,30}$/.test(facts.endTimeNs)
  );
}

function validFile(file: unknown): file is IndexedFile {
  if (!isObject(file) || !isText(file.path) || !Number.isFinite(file.storedMs)) return false;
  const parsed = parseCapturePath(file.path);
  return parsed !== undefined && validFacts(file.facts, parsed.kind);
}

/** The index of the capture folder `dir` of process `processId`, or undefined if unusable. */
export async function readIndex(
  dir: string,
  processId: string,
): Promise<IndexedFile[] | undefined> {
  try {
    const index: unknown = JSON.parse(await readFile(join(dir, INDEX_FILE), 'utf8'));
    if (!isObject(index) || index.version !== VERSION || index.process_id !== processId) return;
    const files = index.files;
    return Array.isArray(files) && files.every(validFile) ? files : undefined;
  } catch {
    return undefined;
  }
}

export async function writeIndex(
  dir: string,
  processId: string,
  files: IndexedFile[],
): Promise<void> {
  const text = JSON.stringify({ version: VERSION, process_id: processId, files });
  await writeFileAtomic(join(dir, INDEX_FILE), `${text}\n`);
}
