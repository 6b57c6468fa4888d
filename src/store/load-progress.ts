// Helpers of a load: User Timing marks, an empty progress, failure and source wording. No React.
import type { LoadProgress } from './backend';
import { SourceError } from './process-source';
import { RemoteError } from './remote-source';

/** A User Timing mark (weft:…) so profiles and `weft bench ui` can split a load into steps. */
export function mark(step: string): void {
  globalThis.performance?.mark?.(`weft:${step}`);
}

export function emptyProgress(filesTotal: number): LoadProgress {
  return {
    filesDone: 0,
    filesTotal,
    bytesDone: 0,
    bytesTotal: 0,
    blocksDone: 0,
    blocksSeen: 0,
    currentFile: '',
  };
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
