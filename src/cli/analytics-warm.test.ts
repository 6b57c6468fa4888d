import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, readCborFiles } from '../decode/testing';
import { readFrames } from '../remote/frame-parser';
import { CaptureStore } from '../server/capture-store';
import { post, replayBodies, startTestServer } from '../server/testing';
import { AnalyticsEngine } from './analytics-engine';

/** Rows of the engine's `blocks` table: the batch frames' row counts of SELECT * FROM blocks. */
async function blockRows(engine: AnalyticsEngine): Promise<number> {
  const answer = engine.run('SELECT block_id FROM blocks', {}, new AbortController().signal);
  let rows = 0;
  for await (const frame of readFrames(answer)) {
    if (frame.type === 'error') throw new Error(frame.message);
    if (frame.type === 'batch') rows += frame.rows;
  }
  return rows;
}

describe('weft serve warms its query engine at start', () => {
  it('warm() reads the store before any query: the rows are there even once the files are gone', async () => {
    const server = await startTestServer();
    for (const body of replayBodies(join(FIXTURES, 'small'))) {
      const { status } = await post(server, body.route, body.bytes);
      expect(status).toBe(200);
    }
    await server.close();
    const store = await CaptureStore.open(server.dataDir);
    const engine = new AnalyticsEngine(store, () => {});
    try {
      await engine.warm();
      const blocks = readCborFiles(join(FIXTURES, 'small')).filter(([p]) => p.startsWith('blocks'));
      // the engine read every file when it warmed: a query after the files are removed still sees them
      for (const { id } of store.list())
        rmSync(join(server.dataDir, id, 'blocks'), { recursive: true });
      expect(await blockRows(engine)).toBe(blocks.length);
    } finally {
      await engine.close();
      await store.close();
      await server.dispose();
    }
  }, 120_000);
});
