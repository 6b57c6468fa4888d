// Integration: aborted downloads leave no file descriptor open (issue 12 item 5), and /health
// answers 503 with the reason while the store cannot write.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FIXTURES, expectedSummary } from '../decode/testing';
import { post, replayBodies, startTestServer, tempDir, type TestServer } from './testing';

const openFds = () => readdirSync('/proc/self/fd').length;

/** Starts a download and drops the connection as soon as the first bytes arrive. */
function abortedDownload(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = get(url, (res) => {
      expect(res.statusCode).toBe(200);
      res.once('data', () => {
        req.destroy();
        resolve();
      });
    });
    req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
  });
}

let server: TestServer | undefined;
afterEach(async () => {
  await server?.dispose();
  server = undefined;
});

describe('aborted downloads', () => {
  it('close the file they were reading', async () => {
    const root = tempDir('weft-fd-test-');
    const dist = join(root, 'dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>weft</title>');
    writeFileSync(join(dist, 'assets', 'big.wasm'), new Uint8Array(8 * 1024 * 1024));
    server = await startTestServer({ distDir: dist, dataDir: join(root, 'data') });
    await abortedDownload(`${server.url}/assets/big.wasm`); // warm up lazily opened handles
    await vi.waitFor(() => expect(server!.logs).toEqual([]));
    const before = openFds();
    for (let i = 0; i < 40; i++) await abortedDownload(`${server.url}/assets/big.wasm`);
    // Each leaked stream would hold one descriptor for good; wait for the server to notice the
    // aborts (no fixed sleep: poll until the count is back, or fail at the timeout).
    await vi.waitFor(() => expect(openFds()).toBeLessThanOrEqual(before), { timeout: 10_000 });
    rmSync(root, { recursive: true, force: true });
  });
});

describe('/health', () => {
  const bodies = replayBodies(join(FIXTURES, 'mixed'));
  const processId = expectedSummary('mixed').process_id;

  it('is 200 while the store can write', async () => {
    server = await startTestServer();
    const response = await fetch(`${server.url}/health`);
    expect([response.status, await response.text()]).toEqual([200, 'ok\n']);
  });

  it('is 503 with the reason when the data directory is gone', async () => {
    server = await startTestServer();
    rmSync(server.dataDir, { recursive: true });
    writeFileSync(server.dataDir, 'not a folder');
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(503);
    expect(await response.text()).toMatch(/cannot write to the data directory.*ENOTDIR/);
    rmSync(server.dataDir);
    mkdirSync(server.dataDir);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });

  it('is 503 after a failed capture write, 200 again after a good one', async () => {
    server = await startTestServer();
    // A plain file where the process's capture folder belongs makes its writes fail.
    writeFileSync(join(server.dataDir, processId), 'in the way');
    const failed = await post(server, 'process', bodies[0].bytes);
    expect(failed.status).toBe(500);
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(503);
    expect(await response.text()).toMatch(/last capture write failed: (ENOTDIR|EEXIST)/);
    rmSync(join(server.dataDir, processId));
    expect((await post(server, 'process', bodies[0].bytes)).status).toBe(200);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });
});
