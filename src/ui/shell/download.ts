// Saving bytes or text as a file the browser downloads (an object URL on a temporary link), and
// CSV text of a console result built in slices that yield to the page between them. No React.
import { csvLine } from '../../base/csv';
import type { SqlResult } from '../../store/backend';

export type FileParts = (string | Uint8Array)[];

export function saveFile(parts: FileParts, fileName: string, type: string): void {
  const blob = new Blob(parts as BlobPart[], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const SLICE_ROWS = 50_000;

/** The result's kept rows as CSV (header first), a slice of rows per part. */
export async function resultCsvParts(result: SqlResult): Promise<string[]> {
  const parts = [`${csvLine(result.columns)}\n`];
  for (let start = 0; start < result.keptRows; start += SLICE_ROWS) {
    const lines: string[] = [];
    const end = Math.min(result.keptRows, start + SLICE_ROWS);
    for (let i = start; i < end; i++) lines.push(csvLine(result.rowAt(i)));
    parts.push(`${lines.join('\n')}\n`);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return parts;
}

/** A file name safe on every system: "weft-<what>-<utc time>.<ext>". */
export function exportFileName(what: string, extension: string, now = new Date()): string {
  const stamp = now.toISOString().slice(0, 19).replaceAll(':', '').replace('T', '-');
  const safe = what.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 60);
  return `weft-${safe}-${stamp}.${extension}`;
}
