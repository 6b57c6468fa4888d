// The store across restarts: it restores its index from each folder's index file without
// decoding stored bodies, decodes only what that index does not cover (arrival order from
// manifest.json), removes a crash's temporary files, skips files whose content does not match
// their path, and seeds an empty data dir with the sample capture once.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURES, expectedSummary } from '../decode/testing';
import { CaptureStore } from './capture-store';
import { naturalOrder } from './seed';
import { INDEX_FILE } from './stored-index';
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

  it('decodes no stored body at restart while the folder index covers it', async () => {
    const dataDir = newDir();
    const first = await startTestServer({ dataDir });
    const bodies = replayBodies(MIXED);
    for (const body of bodies) await post(first, body.route, body.bytes);
    const before = first.store.list();
    const files = first.store.files(ID);
    await first.close();
    const store = await CaptureStore.open(dataDir);
    expect(store.decodedAtOpen).toBe(0);
    expect(store.list()).toEqual(before); // updatedAt too: the index keeps arrival times
    expect(store.files(ID)).toEqual(files);
  });

  it.each([
    ['a lost index', (index: string) => rmSync(index)],
    ['a corrupt index', (index: string) => writeFileSync(index, '{"version":1,"files":[{')],
    [
      'an index naming a path outside the folder',
      (index: string) => {
        const json = JSON.parse(readFileSync(index, 'utf8'));
        json.files[0].path = '../../etc/passwd';
        writeFileSync(index, JSON.stringify(json));
      },
    ],
  ])('decodes every stored body after %s, to the same list', async (_, damage) => {
    const dataDir = newDir();
    const first = await startTestServer({ dataDir });
    const bodies = replayBodies(MIXED);
    for (const body of bodies) await post(first, body.route, body.bytes);
    const before = first.store.list();
    await first.close();
    damage(join(dataDir, ID, INDEX_FILE));
    const store = await CaptureStore.open(dataDir);
    expect(store.decodedAtOpen).toBe(bodies.length);
    expect(store.list().map(({ updatedAt: _, ...p }) => p)).toEqual(
      before.map(({ updatedAt: _, ...p }) => p),
    );
    await store.flush(); // and writes a good index again
    expect((await CaptureStore.open(dataDir)).decodedAtOpen).toBe(0);
  });

  it('decodes only the files stored after the last index write (a crash)', async () => {
    const dataDir = newDir();
    const first = await startTestServer({ dataDir });
    const bodies = replayBodies(MIXED);
    const last = bodies[bodies.length - 1];
    for (const body of bodies.slice(0, -1)) await post(first, body.route, body.bytes);
    await first.close();
    // The last body reached the disk but the process died before the index was rewritten.
    mkdirSync(dirname(join(dataDir, ID, last.path)), { recursive: true });
    writeFileSync(join(dataDir, ID, last.path), last.bytes);
    const store = await CaptureStore.open(dataDir);
    expect(store.decodedAtOpen).toBe(1);
    expect(store.files(ID)!.map((f) => f.path)).toEqual(bodies.map((b) => b.path));
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
