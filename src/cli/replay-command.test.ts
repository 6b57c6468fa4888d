import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, readCborFiles } from '../decode/testing';
import { startTestServer, type TestServer } from '../server/testing';
import { replayCommand } from './replay-command';

function output() {
  const lines: string[] = [];
  return {
    lines,
    out: {
      write: async (t: string) => void lines.push(t),
      error: (l: string) => void lines.push(l),
    },
  };
}

describe('weft replay', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ apiKey: 'k' });
  });
  afterAll(() => server?.dispose());

  it('posts every body of a capture so the store holds the same files, process first', async () => {
    const { lines, out } = output();
    expect(await replayCommand([join(FIXTURES, 'mixed'), server.url, '--api-key', 'k'], out)).toBe(
      0,
    );
    const id = server.store.list()[0].id;
    const stored = server.store.files(id)!.map((f) => f.path);
    expect(stored[0]).toBe('process.cbor');
    expect([...stored].sort()).toEqual(
      readCborFiles(join(FIXTURES, 'mixed'))
        .map(([p]) => p)
        .sort(),
    );
    for (const path of stored.filter((p) => p.startsWith('blocks/'))) {
      const streamIndex = stored.indexOf(`streams/${path.split('/')[1]}.cbor`);
      expect(streamIndex).toBeLessThan(stored.indexOf(path)); // each stream before its blocks
    }
    expect(lines.join('')).toMatch(/posted \d+ bodies/);
  });

  it("stops with the server's answer when a body is refused", async () => {
    const { lines, out } = output();
    expect(await replayCommand([join(FIXTURES, 'small'), server.url], out)).toBe(1);
    expect(lines.join('\n')).toMatch(/401/);
  });
});
