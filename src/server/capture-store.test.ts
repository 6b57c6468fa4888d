// The store across restarts: it rebuilds its index from the folders (arrival order from
// manifest.json), removes a crash's temporary files, skips files whose content does not match
// their path, and seeds an empty data dir with the sample capture once.
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURES, expectedSummary } from '../decode/testing';
import { CaptureStore } from './capture-store';
import { naturalOrder } from './seed';
import { post, replayBodies, startTestServer, tempDir } from './testing';

const MIXED = join(FIXTURES, 'mixed');
const ID = expectedSummary('mixed').process_id;
const dirs: string[] = [];
const newDir = () => {
  const dir = tempDir('weft-store-test-');
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('restart', () => {
  it('lists the same processes and files after a restart', async () => {
    const dataDir = newDir();
    const first = await startTestServer({ dataDir });
    for (const body of replayBodies(MIXED)) await post(first, body.route, body.bytes);
    const before = first.store.list();
    const files = first.store.files(ID);
    await first.close();

    const store = await CaptureStore.open(dataDir);
    expect(store.list().map(({ updatedAt: _, ...p }) => p)).toEqual(
      before.map(({ updatedAt: _, ...p }) => p),
    );
    expect(store.files(ID)).toEqual(files);
  });

  it('removes temporary files, skips a mismatched file, rewrites a lost manifest', async () => {
    const dataDir = newDir();
    const folder = join(dataDir, ID);
    cpSync(MIXED, folder, { recursive: true });
    rmSync(join(folder, 'expected_summary.json'));
    const streams = replayBodies(MIXED).filter((b) => b.route === 'stream');
    const temp = join(folder, 'blocks', '.x.cbor.123.weft-tmp');
    writeFileSync(temp, 'half a file');
    // A stream file whose content is another stream: not served under the wrong name.
    cpSync(join(folder, streams[0].path), join(folder, streams[1].path));
    const logs: string[] = [];
    const store = await CaptureStore.open(dataDir, (line) => logs.push(line));
    expect(existsSync(temp)).toBe(false);
    expect(logs).toEqual([expect.stringContaining('does not match its path')]);
    expect(store.filePath(ID, streams[1].path)).toBeUndefined();
    const [summary] = store.list();
    expect(summary.blockCount).toBe(19);
    expect(summary.streamCount).toBe(6);
    await store.flush();
    const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8'));
    expect(manifest.files).toHaveLength(1 + 6 + 19);
  });

  it('ignores folders that are not process ids', async () => {
    const dataDir = newDir();
    cpSync(MIXED, join(dataDir, 'not-a-uuid'), { recursive: true });
    expect((await CaptureStore.open(dataDir)).list()).toEqual([]);
  });
});

describe('sample', () => {
  it('seeds an empty data dir once, in natural order', async () => {
    const dataDir = newDir();
    const server = await startTestServer({ dataDir, sampleDir: MIXED });
    const [p] = server.store.list();
    expect(p.id).toBe(ID);
    expect(p.blockCount).toBe(19);
    expect(server.store.files(ID)!.map((f) => f.path)).toEqual(
      replayBodies(MIXED).map((b) => b.path),
    );
    await server.close();
    const again = await startTestServer({ dataDir, sampleDir: MIXED });
    expect(again.store.list()).toHaveLength(1);
    expect(again.store.files(ID)).toHaveLength(1 + 7 + 19);
    await again.close();
  });

  it('does not seed without a sample dir or when the sample is missing', async () => {
    const server = await startTestServer({ dataDir: newDir(), sampleDir: join(newDir(), 'none') });
    expect(server.store.list()).toEqual([]);
    expect(server.logs).toEqual([expect.stringContaining('no sample capture')]);
    await server.close();
  });

  it('orders each stream before its first block', () => {
    const order = naturalOrder([
      'blocks/a/1.cbor',
      'blocks/b/2.cbor',
      'process.cbor',
      'streams/a.cbor',
      'streams/b.cbor',
      'streams/c.cbor',
    ]);
    expect(order).toEqual([
      'process.cbor',
      'streams/a.cbor',
      'blocks/a/1.cbor',
      'streams/b.cbor',
      'blocks/b/2.cbor',
      'streams/c.cbor',
    ]);
  });
});
