// Display formatting for the shell (sizes, ids). No React.

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** A process id shortened for menus (the full id goes in the tooltip). */
export function shortId(id: string): string {
  return id.length > 13 ? `${id.slice(0, 8)}…` : id;
}

export function exeName(exe: string): string {
  return exe.split(/[\\/]/).pop() || exe;
}

/**
 * The files that would complete blocks waiting for a missing piece, from ingest's waiting lines
 * (src/ingest/merge.ts: "3 blocks of stream <id> wait for its stream file", "blocks of process
 * <id> wait for its process file"), as paths of a capture folder.
 */
export function completingFiles(waiting: string[]): string[] {
  const files: string[] = [];
  for (const line of waiting) {
    const stream = /\bstream (\S+) wait/.exec(line);
    const process = /\bprocess (\S+) wait/.exec(line);
    if (stream) files.push(`streams/${stream[1]}.cbor`);
    else if (process) files.push(`process.cbor (process ${process[1]})`);
  }
  return files;
}
