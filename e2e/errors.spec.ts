// Journey: a capture with one corrupted block still shows every good span, counts the error, and
// names the file, block and reason in the errors panel.
import { expect, test } from '@playwright/test';
import { decode } from 'cbor-x';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  cborFiles,
  corruptBlock,
  dropBuffers,
  expectedStatus,
  openBlank,
  screenshot,
  status,
  waitIdle,
} from './helpers';

test('a corrupted block is named in the errors panel and good data stays', async ({ page }) => {
  await openBlank(page);
  const paths = cborFiles('mixed');
  const victim = paths.find((p) => p.includes('/blocks/13e9252b'))!;
  const files = paths.map((p) => ({
    name: p === victim ? `corrupt-${basename(p)}` : basename(p),
    bytes: p === victim ? corruptBlock(p) : readFileSync(p),
  }));
  await dropBuffers(page, files);
  await waitIdle(page);
  const counts = await status(page);
  const full = expectedStatus('mixed');
  expect(counts.errors).toBeGreaterThan(0);
  expect(counts.processes).toBe(1);
  expect(counts.threads).toBe(full.threads);
  expect(counts.spans).toBeGreaterThan(0);
  expect(counts.events).toBeLessThan(full.events);
  await page.getByTestId('errors-button').click();
  const panel = page.getByTestId('errors-panel');
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('issue').first()).toContainText(`corrupt-${basename(victim)}`);
  const { nb_objects } = decode(readFileSync(victim)) as { nb_objects: number };
  await expect(panel.getByTestId('data-lost')).toHaveText(
    `Data lost: 1 block (${nb_objects} events)`,
  );
  await screenshot(page, 'errors-panel');
});

test('a truncated block file is an error that counts the block lost, not a skipped file', async ({
  page,
}) => {
  await openBlank(page);
  const victim = cborFiles('mixed').find((p) => p.includes('/blocks/'))!;
  const bytes = readFileSync(victim);
  await dropBuffers(page, [
    { name: basename(victim), bytes: bytes.subarray(0, bytes.length >> 1) },
  ]);
  await waitIdle(page);
  expect((await status(page)).errors).toBe(1);
  await page.getByTestId('errors-button').click();
  const panel = page.getByTestId('errors-panel');
  await expect(panel.getByTestId('issue').first()).toContainText('truncated CBOR');
  await expect(panel.getByTestId('data-lost')).toHaveText('Data lost: 1 block (events unknown)');
});

test('a file that is not micromegas data is skipped and listed', async ({ page }) => {
  await openBlank(page);
  await dropBuffers(page, [{ name: 'notes.txt', bytes: Buffer.from('hello') }]);
  await waitIdle(page);
  expect((await status(page)).errors).toBe(0);
  await page.getByTestId('errors-button').click();
  await expect(page.getByTestId('errors-panel')).toContainText('notes.txt');
});
