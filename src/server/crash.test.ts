// Integration: `kill -9` during uploads loses nothing that was acknowledged. A real
// `node bin/weft.js serve` child receives the medium capture's bodies, several at a time, and is
// killed with SIGKILL while uploads are in flight; after a restart on the same data directory
// every body that got a 200 is served back byte for byte, and sending everything again completes
// the capture with no conflict (no half-written file was kept under a body's name).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { FIXTURES, expectedSummary } from '../decode/testing';
import { replayBodies, tempDir, type Body } from './testing';

const WEFT = join(import.meta.dirname, '..', '..', 'bin', 'weft.js');
const BODIES = replayBodies(join(FIXTURES, 'medium'));
const ID = expectedSummary('medium').process_id;
const dataDir = tempDir('weft-crash-test-');
const children: ChildProcess[] = [];
afterAll(() => {
  children.forEach((c) => c.kill('SIGKILL'));
  rmSync(dataDir, { recursive: true, force: true });
});

/** Starts `weft serve` on a free port; resolves with its URL once it listens. */
async function serve(): Promise<{ child: ChildProcess; url: string }> {
  const args = [WEFT, 'serve', '--port', '0', '--data', dataDir, '--no-sample'];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  child.stdout!.setEncoding('utf8');
  for await (const chunk of child.stdout!) {
    out += chunk;
    const url = /viewer on (http:\/\/\S+?)\//.exec(out)?.[1];
    if (url) return { child, url };
  }
  throw new Error(`weft serve did not start: ${out}`);
}

async function send(url: string, body: Body): Promise<number | undefined> {
  try {
    const response = await fetch(`${url}/ingestion/insert_${body.route}`, {
      method: 'POST',
      body: body.bytes as Uint8Array<ArrayBuffer>,
    });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return undefined; // the server died before answering: not acknowledged
  }
}

it('keeps every acknowledged body across a kill -9 mid-upload', { timeout: 120_000 }, async () => {
  const first = await serve();
  const acknowledged: Body[] = [];
  const queue = [...BODIES];
  const killAfter = Math.floor(BODIES.length / 3);
  const uploader = async () => {
    for (let body = queue.shift(); body; body = queue.shift()) {
      const status = await send(first.url, body);
      if (status === 200) acknowledged.push(body);
      if (acknowledged.length === killAfter && first.child.exitCode === null)
        first.child.kill('SIGKILL'); // while the other uploaders' bodies are in flight
    }
  };
  await Promise.all(Array.from({ length: 6 }, uploader));
  if (first.child.exitCode === null && first.child.signalCode === null)
    await once(first.child, 'exit');
  expect(first.child.signalCode).toBe('SIGKILL');
  expect(acknowledged.length).toBeGreaterThanOrEqual(killAfter);
  expect(acknowledged.length).toBeLessThan(BODIES.length);

  const second = await serve();
  for (const body of acknowledged) {
    const response = await fetch(`${second.url}/captures/${ID}/${body.path}`);
    expect(response.status, body.path).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(body.bytes), body.path).toBe(true);
  }
  const statuses = [];
  for (const body of BODIES) statuses.push(await send(second.url, body));
  expect(statuses).toEqual(BODIES.map(() => 200));
  const [summary] = await (await fetch(`${second.url}/api/processes`)).json();
  expect(summary.fileCount).toBe(BODIES.length);
  expect(summary.blockCount).toBe(expectedSummary('medium').blocks_total);
  second.child.kill('SIGTERM');
  await once(second.child, 'exit');
});
