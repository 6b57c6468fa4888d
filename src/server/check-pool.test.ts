// The body checker's thread: it answers what the main thread's check would, and a body whose
// decoding exhausts the thread's heap is refused with the reason while the next body is checked
// as usual (the server's own heap and event loop are never the ones at risk).
import { join } from 'node:path';
import { decode, encode } from 'cbor-x';
import { afterEach, expect, it } from 'vitest';
import { FIXTURES } from '../decode/testing';
import { CheckPool } from './check-pool';
import { checkBody } from './ingest-body';
import { factsOf } from './process-index';
import { replayBodies } from './testing';

const LEGACY = replayBodies(join(FIXTURES, 'small-legacy-payload'));
const pools: CheckPool[] = [];
afterEach(() => Promise.all(pools.splice(0).map((p) => p.close())));

function pool(heapMb: number): CheckPool {
  const created = new CheckPool({ heapMb, timeoutMs: 60_000 });
  pools.push(created);
  return created;
}

/** A legacy block whose `objects` is an array of `count` integers (1 byte each in CBOR). */
function hugeLegacyBlock(count: number): Uint8Array {
  const block = decode(LEGACY.find((b) => b.route === 'block')!.bytes);
  const marker = 'XX-objects-XX';
  const bytes = Buffer.from(encode({ ...block, payload: { ...block.payload, objects: marker } }));
  const at = bytes.indexOf(
    Buffer.concat([Buffer.from([0x60 + marker.length]), Buffer.from(marker)]),
  );
  const header = Buffer.from([0x9a, 0, 0, 0, 0]);
  header.writeUInt32BE(count, 1);
  const items = Buffer.alloc(count); // count × CBOR 0
  return Buffer.concat([
    bytes.subarray(0, at),
    header,
    items,
    bytes.subarray(at + 1 + marker.length),
  ]);
}

it('answers as the main thread’s check does', async () => {
  const checker = pool(256);
  for (const body of LEGACY) {
    const expected = checkBody(body.route, body.bytes, body.path);
    if (!expected.ok) throw new Error(expected.reason);
    expect(await checker.check(body.route, body.bytes, body.path)).toEqual({
      ok: true,
      processId: expected.body.processId,
      path: expected.body.path,
      facts: factsOf(expected.body.envelope),
    });
  }
});

it('refuses a body that exhausts the thread’s heap, then checks the next one', async () => {
  const checker = pool(64);
  const monster = await checker.check('block', hugeLegacyBlock(40_000_000), 'monster');
  expect(monster).toEqual({ ok: false, reason: expect.stringMatching(/memory limit/) });
  const next = LEGACY.find((b) => b.route === 'block')!;
  expect(await checker.check('block', next.bytes, next.path)).toMatchObject({ ok: true });
});
