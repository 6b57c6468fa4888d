// Journey: `npm start` — the weft server receives a process's telemetry (as micromegas'
// HttpEventSink POSTs it) while the viewer is open; new blocks appear without a reload, and the
// first start opens the server's most recent process.
import { expect, test } from '@playwright/test';
import { WEFT_PORT } from '../playwright.config';
import { cborFiles, expectedStatus, status, summary, waitIdle } from './helpers';
import { postCapture } from './weft-servers';

const SERVER = `http://127.0.0.1:${WEFT_PORT}`;

const post = (path: string) => postCapture(SERVER, path);

test('new blocks appear live; the first start opens the server’s latest process', async ({
  page,
}) => {
  const files = cborFiles('mixed');
  const blocks = files.filter((p) => p.includes('/blocks/'));
  const early = files.filter((p) => !p.includes('/blocks/')).concat(blocks.slice(0, 8));
  const late = blocks.slice(8);
  for (const path of early) await post(path);

  await page.goto(`${SERVER}/`);
  await waitIdle(page);
  const processId = summary('mixed').process_id;
  await expect(page).toHaveURL(new RegExp(`process=${processId}`));
  const before = await status(page);
  expect(before.processes).toBe(1);
  expect(before.spans).toBeLessThan(expectedStatus('mixed').spans);

  for (const path of late) await post(path);
  await expect.poll(() => status(page), { timeout: 30_000 }).toEqual(expectedStatus('mixed'));
});
