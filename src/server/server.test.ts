// Integration: real micromegas bodies POSTed over HTTP to a server on a free loopback port are
// stored byte for byte, listed by /api/processes, served under /captures/<id>/, and decode to
// exactly the oracle's rows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Capture } from '../decode/capture';
import { captureCsvLines } from '../decode/csv';
import {
  CAPTURES,
  FIXTURES,
  expectedCsvLines,
  expectedSummary,
  readCborFiles,
} from '../decode/testing';
import type { ProcessSummary } from './process-index';
import { post, replayBodies, startTestServer, type TestServer } from './testing';

describe.each(CAPTURES)('replaying capture %s', (name) => {
  const summary = expectedSummary(name);
  const bodies = replayBodies(join(FIXTURES, name));
  let server: TestServer;
  const statuses: number[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    for (const body of bodies) statuses.push((await post(server, body.route, body.bytes)).status);
    await server.store.flush();
  });
  afterAll(() => server.dispose());

  it('answers 200 to every body', () => {
    expect(statuses).toEqual(bodies.map(() => 200));
    expect(server.logs).toEqual([]);
  });

  it('lists the process with its counts', async () => {
    const response = await fetch(`${server.url}/api/processes`);
    expect(response.headers.get('access-control-allow-origin')).toBeNull(); // own origin only
    const list = (await response.json()) as ProcessSummary[];
    expect(list).toHaveLength(1);
    const [p] = list;
    expect(p.id).toBe(summary.process_id);
    expect(p.url).toBe(`/captures/${summary.process_id}/`);
    expect(p.exe).toMatch(/telemetry-demo/);
    expect(p.startTime).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(p.blockCount).toBe(summary.blocks_total);
    expect(p.streamCount).toBe(summary.streams_total);
    expect(p.fileCount).toBe(bodies.length);
    expect(p.streamsByTag).toEqual(summary.streams_by_tag);
    expect(p.blocksByTag).toEqual(summary.blocks_by_tag);
    expect(p.lastBlockTime).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('stores the exact bytes in the fixture layout, with a manifest', () => {
    const stored = readCborFiles(join(server.dataDir, summary.process_id));
    const fixture = readCborFiles(join(FIXTURES, name));
    expect(stored.map(([path]) => path)).toEqual(fixture.map(([path]) => path));
    for (let i = 0; i < fixture.length; i++)
      expect(Buffer.compare(stored[i][1], fixture[i][1])).toBe(0);
    const manifestPath = join(server.dataDir, summary.process_id, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    expect(manifest.process_id).toBe(summary.process_id);
    expect(manifest.files).toEqual(bodies.map((b) => b.path)); // arrival order
  });

  it('serves the capture folder over HTTP, decoding to the same rows', async () => {
    const base = `${server.url}/captures/${summary.process_id}/`;
    // The test before this one holds the event loop for seconds (a synchronous decode), longer
    // than the server's 5 s keep-alive: the pooled socket can be reset as it is reused. Browsers
    // retry an idempotent GET on such a reset; so does this first request.
    const manifest = await (await fetchRetryingReset(`${base}manifest.json`)).json();
    const capture = new Capture();
    for (const path of manifest.files as string[]) {
      const response = await fetch(new URL(path, base));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/cbor');
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      capture.add(new Uint8Array(await response.arrayBuffer()), path);
    }
    expect(captureCsvLines(capture)).toEqual(expectedCsvLines(name));
  });

  it('decodes the stored folder to the same rows as the fixture', () => {
    const capture = new Capture();
    for (const [path, bytes] of readCborFiles(join(server.dataDir, summary.process_id)))
      capture.add(bytes, path);
    expect(capture.rejected).toEqual([]);
    expect(captureCsvLines(capture)).toEqual(expectedCsvLines(name));
  });
});

describe('several processes', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    for (const name of ['small', 'mixed', 'unclosed'])
      for (const body of replayBodies(join(FIXTURES, name)))
        await post(server, body.route, body.bytes);
  });
  afterAll(() => server.dispose());

  it('lists them most recently updated first', async () => {
    const list = (await (await fetch(`${server.url}/api/processes`)).json()) as ProcessSummary[];
    const ids = ['unclosed', 'mixed', 'small'].map((n) => expectedSummary(n).process_id);
    expect(list.map((p) => p.id)).toEqual(ids);
    const one = await (await fetch(`${server.url}/api/processes/${ids[1]}`)).json();
    expect(one).toEqual(list[1]);
  });

  it('shows them on an HTML page with every string escaped', async () => {
    const response = await fetch(`${server.url}/processes`);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain(`/?process=${expectedSummary('mixed').process_id}`);
    expect(html).toContain('/opt/telemetry-demo/bin/telemetry-demo');
  });
});

async function fetchRetryingReset(url: string): Promise<Response> {
  try {
    return await fetch(url);
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code !== 'ECONNRESET') throw error;
    return fetch(url);
  }
}
