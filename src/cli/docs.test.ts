// The repository's documents name paths a reader can follow from a checkout: relative to the
// repository (`../shared/…`), never one machine's absolute paths (`/work/…`, `/home/…`).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const SKIP = new Set(['node_modules', '.git', 'dist', 'test-results', 'reports']);

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (SKIP.has(e.name)) return [];
    const path = join(dir, e.name);
    if (e.isDirectory()) return markdownFiles(path);
    return e.name.endsWith('.md') ? [path] : [];
  });
}

describe('documents', () => {
  test('name no machine-specific absolute path', () => {
    const files = markdownFiles(ROOT);
    expect(files.length).toBeGreaterThan(3);
    const offending = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => /(^|[\s`(])\/(work|home|root|tmp)\//.test(line))
        .map((line) => `${relative(ROOT, file)}: ${line.trim()}`),
    );
    expect(offending).toEqual([]);
  });
});
