// Turns what the user dropped or picked into load inputs: files, several files, or whole folders
// walked recursively (DataTransferItem.webkitGetAsEntry). Every file is kept; the decoder decides
// by content what it is. DOM only, no React.
import type { LoadInput } from '../../store/backend';

function fileInput(file: File, path: string): LoadInput {
  return { kind: 'file', file, path: path.replace(/^\/+/, '') || file.name };
}

function readFile(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** All entries of a folder: readEntries answers in chunks until it answers none. */
async function readAll(entry: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = entry.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const chunk = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (chunk.length === 0) return all;
    all.push(...chunk);
  }
}

async function walk(entry: FileSystemEntry, out: LoadInput[]): Promise<void> {
  if (entry.isFile) {
    out.push(fileInput(await readFile(entry as FileSystemFileEntry), entry.fullPath));
    return;
  }
  if (!entry.isDirectory) return;
  const children = await readAll(entry as FileSystemDirectoryEntry);
  children.sort((a, b) => a.name.localeCompare(b.name));
  for (const child of children) await walk(child, out);
}

/**
 * Entries must be taken synchronously inside the drop event (the DataTransfer empties after it);
 * the returned function walks them later.
 */
export function takeDropped(data: DataTransfer): () => Promise<LoadInput[]> {
  const entries = [...data.items]
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry?.() ?? null);
  const files = [...data.files];
  if (entries.length === 0 || entries.some((e) => e === null)) {
    return async () => fromFileList(files);
  }
  return async () => {
    const out: LoadInput[] = [];
    for (const entry of entries) await walk(entry!, out);
    return out;
  };
}

/** Files from an `<input type=file>` (a folder picker fills webkitRelativePath). */
export function fromFileList(files: Iterable<File>): LoadInput[] {
  return [...files].map((file) => fileInput(file, file.webkitRelativePath || file.name));
}
