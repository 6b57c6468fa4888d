// Journey: a deployment behind a log-in. The Connect dialog names a foreign analytics server; the
// page reopens as `?micromegas=<base>` (its CSP allows only origins in the URL), the server says
// 401, the dialog offers {base}/auth/login and a token field; with the token the process browser
// lists the deployment's processes; one over the event budget opens on its block overview, where
// a brush picks the range sent as begin/end. The deployment is a small fake answering micromegas'
// protocol (src/remote/frame-writer.ts frames, Arrow tables) — the real weft serve path is
// covered by the protocol's own specs.
import { expect, test } from '@playwright/test';
import {
  Field,
  List,
  TimestampNanosecond,
  Utf8,
  Int64,
  Table,
  vectorFromArray,
} from 'apache-arrow';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tableFrames } from '../src/remote/frame-writer';
import { screenshot, waitIdle } from './helpers';
import { startWeft, type TestWeft } from './weft-servers';

const TOKEN = 'tok-123';
const START_MS = Date.parse('2026-11-27T08:00:00Z');
const BLOCK_MS = 500;
const BLOCKS = 240;
const OBJECTS_PER_BLOCK = 30_000; // 2 threads × 240 × 30k = 14.4M events: over the 5M budget

function processesTable(): Table {
  return new Table({
    process_id: vectorFromArray(['5f0c2a54-2b4c-4f6e-9d1a-0c6f5e2a9b71'], new Utf8()),
    exe: vectorFromArray(['/srv/bin/ingest-worker'], new Utf8()),
    computer: vectorFromArray(['build-07'], new Utf8()),
    username: vectorFromArray(['svc'], new Utf8()),
    start_time: vectorFromArray([START_MS], new TimestampNanosecond()),
    last_block_time: vectorFromArray([START_MS + BLOCKS * BLOCK_MS], new TimestampNanosecond()),
    cpu_blocks: vectorFromArray([BigInt(2 * BLOCKS)], new Int64()),
    total_blocks: vectorFromArray([BigInt(2 * BLOCKS)], new Int64()),
  });
}

function blockSpansTable(): Table {
  const rows = Array.from({ length: 2 * BLOCKS }, (_, i) => {
    const thread = i % 2;
    const b = Math.floor(i / 2);
    // A burst in the middle of the process, so the overview has a shape.
    const busy = b > 100 && b < 130 ? 3 : 1;
    return { thread, b, objects: Math.round((OBJECTS_PER_BLOCK * busy) / 2) };
  });
  return new Table({
    stream_id: vectorFromArray(
      rows.map((r) => `stream-${r.thread}`),
      new Utf8(),
    ),
    begin_time: vectorFromArray(
      rows.map((r) => START_MS + r.b * BLOCK_MS),
      new TimestampNanosecond(),
    ),
    end_time: vectorFromArray(
      rows.map((r) => START_MS + (r.b + 1) * BLOCK_MS),
      new TimestampNanosecond(),
    ),
    nb_objects: vectorFromArray(
      rows.map((r) => BigInt(r.objects)),
      new Int64(),
    ),
    tags: vectorFromArray(
      rows.map(() => ['cpu']),
      new List(new Field('item', new Utf8(), true)),
    ),
    stream_properties: vectorFromArray(
      rows.map((r) => `{"thread-name":"worker-${r.thread}"}`),
      new Utf8(),
    ),
  });
}

interface Fake {
  url: string;
  server: Server;
  /** Bodies of the query-stream requests, in order. */
  queries: { sql: string; begin?: string; end?: string }[];
}

function send(
  res: ServerResponse,
  origin: string,
  status: number,
  body: Uint8Array | string,
  type: string,
) {
  res.writeHead(status, {
    'Content-Type': type,
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Credentials': 'true',
  });
  res.end(body);
}

async function startFake(pageOrigin: () => string): Promise<Fake> {
  const queries: Fake['queries'] = [];
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const origin = pageOrigin();
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Credentials': 'true',
        'Access-Control-Allow-Headers': 'authorization, content-type, accept',
        'Access-Control-Allow-Methods': 'GET, POST',
      });
      return res.end();
    }
    if (req.headers.authorization !== `Bearer ${TOKEN}`)
      return send(res, origin, 401, 'no session', 'text/plain');
    if (req.url === '/analytics/api/data-sources')
      return send(
        res,
        origin,
        200,
        JSON.stringify([{ name: 'prod', is_default: true }]),
        'application/json',
      );
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString()) as Fake['queries'][number];
    queries.push(body);
    const table = body.sql.includes('FROM processes p')
      ? processesTable()
      : body.sql.includes('stream_properties') && !body.sql.includes('block_id')
        ? blockSpansTable()
        : null;
    if (!table)
      return send(
        res,
        origin,
        200,
        '{"type":"error","code":"INTERNAL","message":"not in this fake"}\n',
        'application/x-micromegas-arrow-stream',
      );
    return send(
      res,
      origin,
      200,
      Buffer.concat(tableFrames(table, false)),
      'application/x-micromegas-arrow-stream',
    );
  };
  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/analytics`, server, queries };
}

let weft: TestWeft;
let fake: Fake;

test.beforeEach(async () => {
  weft = await startWeft({ analytics: false });
  fake = await startFake(() => weft.url);
});

test.afterEach(async () => {
  await weft.close();
  await new Promise((resolve) => fake.server.close(resolve));
});

test('Connect to a deployment behind a log-in, list it, pick a range of a big process', async ({
  page,
}) => {
  await page.goto(`${weft.url}/`);
  await waitIdle(page);
  await page.getByTestId('browser-button').click();
  await page.getByTestId('connect-button').click();
  await page.getByTestId('connect-base').fill(fake.url);
  await page.getByTestId('connect-submit').click();
  // Another origin: the page reopens as a deep link, the server answers 401, the dialog asks.
  await expect(page).toHaveURL(
    new RegExp(
      `micromegas=${encodeURIComponent(fake.url).replace(/%3A/g, '(%3A|:)').replace(/%2F/g, '(%2F|/)')}`,
    ),
  );
  await waitIdle(page);
  const dialog = page.getByTestId('connect-dialog');
  await expect(dialog.getByTestId('login-link')).toHaveAttribute('href', `${fake.url}/auth/login`);
  await expect(dialog.getByTestId('login-link')).toHaveAttribute('target', '_blank');
  await screenshot(page, 'connect-dialog-401');
  await dialog.getByTestId('connect-token').fill(TOKEN);
  await dialog.getByTestId('connect-submit').click();
  const browser = page.getByTestId('process-browser');
  await expect(browser.getByTestId('browser-row')).toHaveCount(1);
  await expect(browser).toContainText('ingest-worker');
  await expect(browser).toContainText(`${2 * BLOCKS} / ${2 * BLOCKS}`);
  await screenshot(page, 'process-browser-remote');
  expect(page.url()).not.toContain(TOKEN);

  await browser.getByTestId('browser-row').click();
  const picker = page.getByTestId('overview-picker');
  await expect(picker).toBeVisible();
  const svg = picker.getByTestId('overview-svg');
  const box = (await svg.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.45, box.y + 10);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.6, box.y + 30, { steps: 5 });
  await page.mouse.up();
  await expect(picker.getByTestId('range-events')).toContainText('cpu events');
  await screenshot(page, 'overview-range-picker');
  await picker.getByTestId('load-range').click();
  await expect
    .poll(() => fake.queries.some((q) => q.sql.includes('block_id') && q.begin && q.end))
    .toBe(true);
  const raw = fake.queries.find((q) => q.sql.includes('block_id'))!;
  expect(Date.parse(raw.begin!)).toBeGreaterThan(START_MS);
  expect(Date.parse(raw.end!)).toBeLessThan(START_MS + BLOCKS * BLOCK_MS);
  await expect(page).toHaveURL(/begin=/);
});
