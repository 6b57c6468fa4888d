// Node: expands command-line paths (files or capture folders, walked recursively) into files.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface InputFile {
  path: string;
  bytes: Uint8Array;
}

/** Every file below the given paths, folders walked in sorted order; JSON/CSV sidecars skipped. */
export function listInputPaths(paths: string[]): string[] {
  const out: string[] = [];
  const walk = (path: string) => {
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path).sort()) walk(join(path, entry));
    } else if (!/\.(json|csv|gz|md)$/.test(path)) {
      out.push(path);
    }
  };
  paths.forEach(walk);
  return out;
}

export function readInput(path: string): InputFile {
  const buffer = readFileSync(path);
  return { path, bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength) };
}
