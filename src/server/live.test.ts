// Integration: the live feed of a process (Server-Sent Events and cursor poll) reports every
// stored file once, in arrival order, including for a process that has sent nothing yet.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, expectedSummary } from '../decode/testing';
import { post, replayBodies, startTestServer, type TestServer } from './testing';

const BODIES = replayBodies(join(FIXTURES, 'mixed')).slice(0, 4);
const ID = expectedSummary('mixed').process_id;

interface FeedEvent {
  id: string;
  data: { index: number; path: string; kind: string };
}

/** Reads `count` events from an open SSE response. */
async function readEvents(response: Response, count: number): Promise<FeedEvent[]> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: FeedEvent[] = [];
  let buffer = '';
  while (events.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const chunk = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const id = /^id: (.*)$/m.exec(chunk)?.[1];
      const data = /^data: (.*)$/m.exec(chunk)?.[1];
      if (id !== undefined && data !== undefined) events.push({ id, data: JSON.parse(data) });
    }
  }
  await reader.cancel();
  return events;
}

describe('live feed', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.dispose());

  it('polls nothing for a process not seen yet, and rejects a non-UUID', async () => {
    const response = await fetch(`${server.url}/api/processes/${ID}/files`);
    expect(response.headers.get('access-control-allow-origin')).toBeNull(); // own origin only
    expect(await response.json()).toEqual({ processId: ID, known: false, next: 0, files: [] });
    expect((await fetch(`${server.url}/api/processes/not-an-id/files`)).status).toBe(400);
    expect((await fetch(`${server.url}/api/processes/${ID}`)).status).toBe(404);
  });

  it('streams each file as it is stored, then resumes from Last-Event-ID', async () => {
    const abort = new AbortController();
    const response = await fetch(`${server.url}/api/processes/${ID}/events`, {
      signal: abort.signal,
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = readEvents(response, BODIES.length);
    for (const body of BODIES)
      expect((await post(server, body.route, body.bytes)).status).toBe(200);
    await post(server, BODIES[3].route, BODIES[3].bytes); // a repeat is not a new file
    expect(await events).toEqual(
      BODIES.map((b, i) => ({
        id: String(i + 1),
        data: { index: i, path: b.path, kind: b.route },
      })),
    );
    abort.abort();

    const resumed = await fetch(`${server.url}/api/processes/${ID}/events`, {
      headers: { 'Last-Event-ID': '2' },
    });
    const rest = await readEvents(resumed, 2);
    expect(rest.map((e) => e.data.path)).toEqual([BODIES[2].path, BODIES[3].path]);
  });

  it('polls from a cursor', async () => {
    const all = await (await fetch(`${server.url}/api/processes/${ID}/files`)).json();
    expect(all.known).toBe(true);
    expect(all.next).toBe(BODIES.length);
    expect(all.files.map((f: { path: string }) => f.path)).toEqual(BODIES.map((b) => b.path));
    const later = await (await fetch(`${server.url}/api/processes/${ID}/files?since=3`)).json();
    expect(later.files).toEqual([{ index: 3, path: BODIES[3].path, kind: BODIES[3].route }]);
    expect(later.next).toBe(4);
    const none = await (await fetch(`${server.url}/api/processes/${ID}/files?since=4`)).json();
    expect(none).toEqual({ processId: ID, known: true, next: 4, files: [] });
  });
});
