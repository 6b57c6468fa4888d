// `weft serve`: starts on the given loopback port and data dir, empty unless --sample, and stops
// when told.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { serveCommand } from './serve-command';
import type { Output } from './decode-command';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

async function serve(extra: string[]) {
  const data = mkdtempSync(join(tmpdir(), 'weft-serve-test-'));
  dirs.push(data);
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  let announce!: (url: string) => void;
  const started = new Promise<string>((resolve) => (announce = resolve));
  const errors: string[] = [];
  const out: Output = {
    write: (text) => announce(/on (http:\/\/\S+?)\//.exec(text)![1]),
    error: (line) => void errors.push(line),
  };
  const args = ['--port', '0', '--host', '127.0.0.1', '--data', data, ...extra];
  const exit = serveCommand(args, out, () => stopped);
  return { url: await started, stop, exit, errors };
}

it('seeds the sample capture with --sample and exits 0 when stopped', async () => {
  const server = await serve(['--sample']);
  expect(await (await fetch(`${server.url}/health`)).text()).toBe('ok\n');
  const list = await (await fetch(`${server.url}/api/processes`)).json();
  expect(list.map((p: { blockCount: number }) => p.blockCount)).toEqual([19]);
  server.stop();
  expect(await server.exit).toBe(0);
});

it('starts empty by default (the viewer shows its own sample while waiting)', async () => {
  const server = await serve([]);
  expect(await (await fetch(`${server.url}/api/processes`)).json()).toEqual([]);
  server.stop();
  expect(await server.exit).toBe(0);
  const old = await serve(['--no-sample']);
  expect(await (await fetch(`${old.url}/api/processes`)).json()).toEqual([]);
  old.stop();
  expect(await old.exit).toBe(0);
});

it('rejects bad arguments', async () => {
  const errors: string[] = [];
  const out: Output = { write: () => {}, error: (line) => void errors.push(line) };
  expect(await serveCommand(['--port', 'x'], out)).toBe(2);
  expect(await serveCommand(['--bogus'], out)).toBe(2);
  expect(errors.join('\n')).toContain('usage: weft serve');
});

it('rejects an --allow-origin that is not an http(s) origin', async () => {
  for (const origin of ['nope', 'ftp://host', 'http://host:1/path']) {
    const errors: string[] = [];
    const out: Output = { write: () => {}, error: (line) => void errors.push(line) };
    expect(await serveCommand(['--allow-origin', origin], out)).toBe(2);
    expect(errors.join('\n')).toContain(`--allow-origin ${origin}`);
  }
});

it('lets an --allow-origin page read, and accepts an --allow-host name', async () => {
  const friend = 'http://127.0.0.1:5173';
  const server = await serve([
    '--no-sample',
    '--allow-origin',
    `${friend}/`,
    '--allow-host',
    'weft.lan',
  ]);
  const read = await fetch(`${server.url}/api/processes`, { headers: { Origin: friend } });
  expect(read.headers.get('access-control-allow-origin')).toBe(friend);
  const other = await fetch(`${server.url}/api/processes`, {
    headers: { Origin: 'http://a.example' },
  });
  expect(other.status).toBe(403);
  server.stop();
  expect(await server.exit).toBe(0);
});

it('says so when the port is taken', async () => {
  const server = await serve(['--no-sample']);
  const port = new URL(server.url).port;
  const errors: string[] = [];
  const out: Output = { write: () => {}, error: (line) => void errors.push(line) };
  const data = mkdtempSync(join(tmpdir(), 'weft-serve-test-'));
  dirs.push(data);
  expect(await serveCommand(['--port', port, '--data', data, '--no-sample'], out)).toBe(1);
  expect(errors.join('\n')).toContain('is in use');
  server.stop();
  expect(await server.exit).toBe(0);
});
