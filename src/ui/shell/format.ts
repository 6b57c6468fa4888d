// Display formatting for the shell (sizes, counts). No React.

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
