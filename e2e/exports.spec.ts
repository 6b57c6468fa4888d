// Journey: taking a trace elsewhere — the Export menu's downloads (Chrome JSON read back: every
// span of the sample once) and "Open in Perfetto", answered by a stand-in Perfetto UI page that
// speaks the documented PING/PONG handshake and records what it was sent.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { screenshot, summary, waitIdle } from './helpers';

const SAMPLE = summary('mixed'); // the sample capture

test.beforeEach(async ({ page }) => {
  await page.goto('/?process=/sample/');
  await waitIdle(page);
});

test('the Export menu downloads the process as Chrome JSON and CSV', async ({ page }) => {
  await page.getByRole('button', { name: 'Export' }).click();
  const menu = page.getByTestId('export-menu');
  await expect(menu).toContainText(`${SAMPLE.distinct_span_ids} spans`);
  await screenshot(page, 'export-menu');
  const [json] = await Promise.all([
    page.waitForEvent('download'),
    menu.getByRole('button', { name: 'Chrome JSON' }).click(),
  ]);
  const trace = JSON.parse(readFileSync((await json.path())!, 'utf8'));
  const begins = trace.traceEvents.filter((e: { ph: string }) => e.ph === 'b');
  expect(begins.length).toBe(SAMPLE.distinct_span_ids);
  expect(new Set(begins.map((e: { id2: { local: string } }) => e.id2.local)).size).toBe(
    begins.length,
  );
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    menu.getByRole('button', { name: 'CSV' }).click(),
  ]);
  const lines = readFileSync((await csv.path())!, 'utf8')
    .trimEnd()
    .split('\n');
  expect(lines[0]).toContain('span_id');
  expect(lines.length).toBe(SAMPLE.distinct_span_ids + 1);
});

const FAKE_PERFETTO = `<!doctype html><title>fake perfetto</title><script>
window.addEventListener('message', (e) => {
  if (e.data === 'PING') e.source.postMessage('PONG', '*');
  else if (e.data && e.data.perfetto) {
    const b = new Uint8Array(e.data.perfetto.buffer);
    document.title = 'got ' + b.length + ' bytes: ' + e.data.perfetto.title;
  }
});
</script>`;

test('Open in Perfetto posts the trace after the PING/PONG handshake', async ({
  page,
  context,
}) => {
  await context.route('https://ui.perfetto.dev/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: FAKE_PERFETTO }),
  );
  await page.getByRole('button', { name: 'Export' }).click();
  const [tab] = await Promise.all([
    context.waitForEvent('page'),
    page.getByRole('button', { name: 'Open in Perfetto' }).click(),
  ]);
  await expect(page.getByTestId('export-status')).toContainText('Sent to the Perfetto tab');
  await expect(tab).toHaveTitle(/^got \d+ bytes: weft: /);
});

test('Open in Perfetto downloads the trace when no Perfetto tab can answer', async ({ page }) => {
  // A popup blocker: window.open gives no tab, so nothing can answer the PING (the no-answer
  // timeout is covered with a driven clock in perfetto-open.test.ts).
  await page.evaluate(() => (window.open = () => null));
  await page.getByRole('button', { name: 'Export' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Open in Perfetto' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.pftrace$/);
  await expect(page.getByTestId('export-status')).toContainText('downloaded the trace instead');
  // the same trace as the menu's own Perfetto download
  const [direct] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Perfetto trace' }).click(),
  ]);
  const fallbackBytes = readFileSync((await download.path())!);
  expect(fallbackBytes.length).toBeGreaterThan(0);
  expect(fallbackBytes.equals(readFileSync((await direct.path())!))).toBe(true);
});
