// Shared steps of the end-to-end specs: fixture files, loading them into the page, waiting for
// the idle signal, reading the status bar, saving screenshots.
import { expect, type Page } from '@playwright/test';
import { decode } from 'cbor-x';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'micromegas');
export const SCREENSHOTS = join(import.meta.dirname, '..', 'test-results', 'screenshots');

export interface Summary {
  process_id: string;
  distinct_span_ids: number;
  async_events_total: number;
  streams_by_tag: Record<string, number>;
}

export function summary(fixture: string): Summary {
  return JSON.parse(readFileSync(join(FIXTURES, fixture, 'expected_summary.json'), 'utf8'));
}

/** Every .cbor file of a fixture capture, as paths (natural order: process, streams, blocks). */
export function cborFiles(fixture: string): string[] {
  const root = join(FIXTURES, fixture);
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory()
        ? walk(join(dir, e.name))
        : e.name.endsWith('.cbor')
          ? [join(dir, e.name)]
          : [],
    );
  const rank = (p: string) => (p.includes('/blocks/') ? 2 : p.includes('/streams/') ? 1 : 0);
  return walk(root).sort((a, b) => rank(a) - rank(b) || relative(root, a).localeCompare(b));
}

export async function waitIdle(page: Page, timeoutMs = 60_000): Promise<void> {
  await expect(page.locator('body')).toHaveAttribute('data-weft-state', 'idle', {
    timeout: timeoutMs,
  });
}

/** Opens the app on a page with nothing loaded yet (a capture id the preview server lacks). */
export async function openBlank(page: Page): Promise<void> {
  await page.goto('/?process=none');
  await expect(page.locator('body')).toHaveAttribute('data-weft-state', /idle|error/);
}

export async function status(page: Page): Promise<Record<string, number>> {
  // The status bar writes thousands separators ("12,345").
  const read = async (id: string) =>
    Number((await page.getByTestId(`status-${id}`).innerText()).replaceAll(',', ''));
  return {
    processes: await read('processes'),
    threads: await read('threads'),
    spans: await read('spans'),
    events: await read('events'),
    errors: await read('errors'),
  };
}

export function expectedStatus(fixture: string) {
  const s = summary(fixture);
  return {
    processes: 1,
    threads: s.streams_by_tag.cpu ?? 0,
    spans: s.distinct_span_ids,
    events: s.async_events_total,
    errors: 0,
  };
}

/** Loads files through the hidden multi-file input (what "Open files…" fills). */
export async function loadFiles(page: Page, paths: string[]): Promise<void> {
  await page.getByTestId('file-input').setInputFiles(paths);
  await waitIdle(page);
}

/** Drops in-memory files on the page through a DataTransfer, as a drag and drop would. */
export async function dropBuffers(page: Page, files: { name: string; bytes: Buffer }[]) {
  const payload = files.map((f) => ({ name: f.name, base64: f.bytes.toString('base64') }));
  await page.evaluate((items) => {
    const data = new DataTransfer();
    for (const item of items) {
      const bytes = Uint8Array.from(atob(item.base64), (c) => c.charCodeAt(0));
      data.items.add(new File([bytes], item.name));
    }
    window.dispatchEvent(new DragEvent('dragenter', { dataTransfer: data }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, cancelable: true }));
  }, payload);
}

/** A copy of a block file whose compressed `objects` payload has bytes flipped in the middle. */
export function corruptBlock(path: string): Buffer {
  const bytes = Buffer.from(readFileSync(path));
  const block = decode(bytes) as { payload: { objects: Uint8Array } };
  const objects = block.payload.objects;
  const start = objects.byteOffset - bytes.byteOffset + Math.floor(objects.length / 2);
  for (let i = start; i < start + 16; i++) bytes[i] ^= 0xff;
  return bytes;
}

export async function screenshot(page: Page, name: string, testId?: string): Promise<void> {
  const path = join(SCREENSHOTS, `${name}.png`);
  if (testId) await page.getByTestId(testId).screenshot({ path });
  else await page.screenshot({ path });
}
