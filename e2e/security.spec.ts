// Hostile pages (issue 12 items 7–8), against `weft serve`: the viewer still works under its
// Content-Security-Policy (no violation but cbor-x's own feature probe), the policy blocks an
// inline script, and a page of another origin can neither read /api/processes nor store data.
import { expect, test, type Page } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WEFT_PORT } from '../playwright.config';
import { cborFiles, expectedStatus, screenshot, status, summary, waitIdle } from './helpers';
import { postCapture } from './weft-servers';

const SERVER = `http://127.0.0.1:${WEFT_PORT}`;

interface Violation {
  directive: string;
  blocked: string;
  source: string;
}

/** Records every CSP violation the page reports, from its first script on. */
async function recordViolations(page: Page): Promise<() => Promise<Violation[]>> {
  await page.addInitScript(() => {
    const list: unknown[] = [];
    (window as unknown as { __violations: unknown[] }).__violations = list;
    document.addEventListener('securitypolicyviolation', (e) =>
      list.push({ directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile }),
    );
  });
  return () =>
    page.evaluate(() => (window as unknown as { __violations: Violation[] }).__violations);
}

const ingest = (path: string) => postCapture(SERVER, path);

/**
 * cbor-x probes whether it may compile readers with `try { Function('') } catch {}` when it loads
 * (node_modules/cbor-x/decode.js) and decodes without them when refused: one expected report.
 */
const isCborXProbe = (v: Violation) =>
  v.directive === 'script-src' &&
  v.blocked === 'eval' &&
  /\/assets\/index-[^/]+\.js$/.test(v.source);

test('the viewer loads a capture under its CSP; SQL (DuckDB-WASM) runs', async ({ page }) => {
  for (const path of cborFiles('small')) await ingest(path);
  const violations = await recordViolations(page);
  await page.goto(`${SERVER}/?process=${summary('small').process_id}`);
  await waitIdle(page);
  expect(await status(page)).toEqual(expectedStatus('small'));
  await page.keyboard.press('q');
  const input = page.getByTestId('sql-input');
  await input.fill('SELECT count(*) AS n FROM async_events');
  await input.press('Control+Enter');
  await expect(page.getByTestId('sql-result')).toContainText(
    String(expectedStatus('small').events),
  );
  await screenshot(page, 'csp-viewer');
  const seen = await violations();
  expect(seen.filter((v) => !isCborXProbe(v))).toEqual([]);
  expect(seen.length).toBeLessThanOrEqual(1);
});

test('the CSP blocks an inline script; the process list page has no violation', async ({
  page,
}) => {
  const violations = await recordViolations(page);
  await page.goto(`${SERVER}/processes`);
  await expect(page.getByRole('heading', { name: 'Processes' })).toBeVisible();
  expect(await violations()).toEqual([]);
  const ran = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true;';
    document.body.append(script);
    await new Promise((resolve) => setTimeout(resolve, 0));
    return (window as unknown as { __inlineRan?: boolean }).__inlineRan ?? false;
  });
  expect(ran).toBe(false);
  expect((await violations()).map((v) => [v.directive, v.blocked])).toEqual([
    ['script-src-elem', 'inline'],
  ]);
});

test.describe('a page of another origin', () => {
  let foreign: Server;
  let foreignUrl = '';
  test.beforeAll(async () => {
    foreign = createServer((_, res) => {
      res
        .writeHead(200, { 'Content-Type': 'text/html' })
        .end('<!doctype html><title>elsewhere</title>');
    });
    await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
    foreignUrl = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}/`;
  });
  test.afterAll(() => new Promise<void>((resolve) => foreign.close(() => resolve())));

  test('cannot read /api/processes nor store a process', async ({ page }) => {
    await page.goto(foreignUrl);
    const before = await (await fetch(`${SERVER}/api/processes`)).json();
    const attempts = await page.evaluate(async (server) => {
      const outcome = async (request: Promise<Response>) => {
        try {
          const response = await request;
          return `${response.type} ${response.status}`;
        } catch (error) {
          return (error as Error).name;
        }
      };
      return {
        read: await outcome(fetch(`${server}/api/processes`)),
        noCorsRead: await outcome(fetch(`${server}/api/processes`, { mode: 'no-cors' })),
        noCorsPost: await outcome(
          fetch(`${server}/ingestion/insert_process`, {
            method: 'POST',
            mode: 'no-cors',
            body: new Uint8Array([0xa0]),
          }),
        ),
        formPost: await outcome(
          fetch(`${server}/ingestion/insert_process`, {
            method: 'POST',
            mode: 'no-cors',
            headers: { 'Content-Type': 'text/plain' },
            body: 'x',
          }),
        ),
      };
    }, SERVER);
    // The read fails (no CORS grant); no-cors requests get only opaque answers.
    expect(attempts).toEqual({
      read: 'TypeError',
      noCorsRead: 'opaque 0',
      noCorsPost: 'opaque 0',
      formPost: 'opaque 0',
    });
    // And the server refused them rather than answering opaquely: the same requests as a page
    // sends them (its Origin) are 403.
    const origin = foreignUrl.slice(0, -1);
    expect((await fetch(`${SERVER}/api/processes`, { headers: { Origin: origin } })).status).toBe(
      403,
    );
    expect(await (await fetch(`${SERVER}/api/processes`)).json()).toEqual(before);
  });
});
