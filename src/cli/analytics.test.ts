// Every fixture POSTed to a weft serve and read back over micromegas' analytics protocol.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Capture } from '../decode/capture';
import { ASYNC_EVENTS_CSV_HEADER, captureCsvLines, csvField } from '../decode/csv';
import { readEnvelope } from '../decode/envelope';
import { CAPTURES, FIXTURES, expectedCsvLines, readCborFiles } from '../decode/testing';
import { queryStream } from '../remote/client';
import { RemoteError } from '../remote/errors';
import { collectRemoteInputs } from '../remote/raw-mode';
import { bigints, texts, timestampsNs } from '../remote/values';
import { post, replayBodies, startTestServer, tempDir, type TestServer } from '../server/testing';
import { analyticsFactory } from './serve-analytics';

const local = analyticsFactory({});
if (typeof local === 'string') throw new Error(local);

async function serveFixture(name: string, apiKey?: string): Promise<TestServer> {
  const server = await startTestServer({ analytics: local as never, apiKey });
  const headers: Record<string, string> = apiKey ? { Authorization: `Bearer ${apiKey}` } : {};
  for (const body of replayBodies(join(FIXTURES, name))) {
    const { status, text } = await post(server, body.route, body.bytes, headers);
    if (status !== 200) throw new Error(`${body.path}: ${status} ${text}`);
  }
  return server;
}

function processIdOf(name: string): string {
  const [, bytes] = readCborFiles(join(FIXTURES, name)).find(([p]) => p === 'process.cbor')!;
  const envelope = readEnvelope(bytes, 'process.cbor');
  if (envelope.kind !== 'process') throw new Error('not a process');
  return envelope.process.processId;
}

/** The oracle's rows without the ticks column (not in upstream's async_events), sorted. */
function oracleRows(name: string): string[] {
  return expectedCsvLines(name)
    .slice(1)
    .map((line) => line.replace(/^((?:[^,]*,){3})[^,]*,/, '$1'))
    .sort();
}

describe.each(CAPTURES)('weft serve speaks the analytics protocol: %s', (name) => {
  let server: TestServer;
  const processId = processIdOf(name);
  const conn = () => ({ baseUrl: server.url, dataSource: 'weft' });

  beforeAll(async () => {
    server = await serveFixture(name);
  }, 120_000);
  afterAll(() => server?.dispose());

  it("view_instance('async_events', pid) rows equal the oracle's", async () => {
    const sql = "SELECT * FROM view_instance('async_events', '$pid')";
    const table = await queryStream(conn(), { sql, params: { pid: processId } });
    const cols = ['stream_id', 'block_id', 'event_type', 'name', 'filename', 'target'];
    const [streams, blocks, types, names, files, targets] = cols.map((c) => texts(table, c));
    const times = timestampsNs(table, 'time');
    const nums = ['span_id', 'parent_span_id', 'depth', 'hash', 'line'].map((c) =>
      bigints(table, c),
    );
    const rows = streams.map((_, i) =>
      [
        streams[i],
        blocks[i],
        times[i],
        types[i],
        nums[0][i],
        nums[1][i],
        nums[2][i],
        nums[3][i],
        csvField(names[i]!),
        csvField(files[i]!),
        csvField(targets[i]!),
        nums[4][i],
      ].join(','),
    );
    expect(rows.sort()).toEqual(oracleRows(name));
  }, 120_000);

  it("blocks rows equal the fixture's block headers", async () => {
    const sql = `SELECT block_id, stream_id, process_id, begin_time, end_time, begin_ticks, end_ticks,
      nb_objects, object_offset FROM blocks WHERE process_id = '$pid'`;
    const table = await queryStream(conn(), { sql, params: { pid: processId } });
    const [ids, streams, pids] = ['block_id', 'stream_id', 'process_id'].map((c) =>
      texts(table, c),
    );
    const [begin, end] = ['begin_time', 'end_time'].map((c) => timestampsNs(table, c));
    const ints = ['begin_ticks', 'end_ticks', 'nb_objects', 'object_offset'].map((c) =>
      bigints(table, c),
    );
    const got = ids.map((id, i) =>
      [id, streams[i], pids[i], begin[i], end[i], ...ints.map((col) => col[i])].join(' '),
    );
    const want = readCborFiles(join(FIXTURES, name))
      .filter(([path]) => path.startsWith('blocks/'))
      .map(([path, bytes]) => readEnvelope(bytes, path))
      .map((e) => {
        if (e.kind !== 'block') throw new Error('not a block');
        const b = e.block;
        return [
          b.blockId,
          b.streamId,
          b.processId,
          b.beginTimeNs,
          b.endTimeNs,
          b.beginTicks,
          b.endTicks,
          b.nbObjects,
          b.objectOffset,
        ].join(' ');
      });
    expect(got.sort()).toEqual(want.sort());
  });

  it("raw mode through the client decodes to the oracle's rows exactly", async () => {
    const inputs = await collectRemoteInputs(conn(), processId);
    const capture = new Capture();
    for (const input of inputs) capture.add(input.bytes, input.path);
    expect(capture.rejected).toEqual([]);
    expect(captureCsvLines(capture)).toEqual(expectedCsvLines(name));
    expect(captureCsvLines(capture)[0]).toBe(ASYNC_EVENTS_CSV_HEADER);
    // blocks come by begin time across streams (what has merged is the start of every thread)
    const blocks = inputs
      .map((input) => readEnvelope(input.bytes, input.path))
      .flatMap((e) => (e.kind === 'block' ? [e.block] : []));
    const begins = blocks.map((b) => b.beginTimeNs);
    expect(begins).toEqual([...begins].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  }, 120_000);
});

describe('weft serve refuses what is not a query', () => {
  let server: TestServer;
  const conn = () => ({ baseUrl: server.url, dataSource: 'weft' });
  const count = async () =>
    bigints(await queryStream(conn(), { sql: 'SELECT count(*) AS n FROM blocks' }), 'n')[0];

  beforeAll(async () => {
    server = await serveFixture('small');
  }, 120_000);
  afterAll(() => server?.dispose());

  it('refuses DELETE (403 FORBIDDEN) and the store is unchanged', async () => {
    const before = await count();
    expect(before).toBe(14n);
    for (const sql of [
      'DELETE FROM blocks',
      'WITH x AS (SELECT 1) DELETE FROM mm_blocks',
      'SELECT 1; DROP TABLE mm_blocks',
      "COPY mm_blocks TO '/tmp/x.csv'",
      'SET lock_configuration = false',
      "ATTACH '/tmp/weft-x.db' AS x",
      'INSTALL httpfs',
      'PRAGMA enable_profiling',
    ]) {
      const error = (await queryStream(conn(), { sql }).catch((e) => e)) as RemoteError;
      expect(error).toBeInstanceOf(RemoteError);
      expect([error.kind, error.status, error.code]).toEqual(['forbidden', 403, 'FORBIDDEN']);
    }
    expect(await count()).toBe(before);
  }, 120_000);

  it('serves CASE … END, strings holding DELETE and columns named "end"', async () => {
    const sql =
      'SELECT CASE WHEN count(*) > 0 THEN \'DELETE; DROP\' END AS "end" FROM blocks -- ; DROP';
    expect(texts(await queryStream(conn(), { sql }), 'end')).toEqual(['DELETE; DROP']);
  });

  it('answers a bad query with an INVALID_SQL error frame', async () => {
    const error = (await queryStream(conn(), { sql: 'SELECT * FROM nope' }).catch(
      (e) => e,
    )) as RemoteError;
    expect([error.kind, error.code]).toEqual(['query', 'INVALID_SQL']);
    expect(error.message).toMatch(/nope/);
  });

  it('names the data sources and refuses an unknown one', async () => {
    const response = await fetch(`${server.url}/api/data-sources`);
    expect(await response.json()).toEqual([{ name: 'weft', is_default: true }]);
    const error = (await queryStream(
      { baseUrl: server.url, dataSource: 'prod' },
      { sql: 'SELECT 1' },
    ).catch((e) => e)) as RemoteError;
    expect([error.status, error.code]).toEqual([404, 'DATA_SOURCE_NOT_FOUND']);
  });
});

describe('weft serve --api-key guards the protocol', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await serveFixture('small', 'k3y');
  }, 120_000);
  afterAll(() => server?.dispose());

  it('answers 401 without the key and the rows with it', async () => {
    const sql = 'SELECT count(*) AS n FROM blocks';
    const error = (await queryStream({ baseUrl: server.url, dataSource: 'weft' }, { sql }).catch(
      (e) => e,
    )) as RemoteError;
    expect([error.kind, error.status]).toEqual(['unauthorized', 401]);
    const withKey = { baseUrl: server.url, dataSource: 'weft', bearerToken: 'k3y' };
    expect(bigints(await queryStream(withKey, { sql }), 'n')).toEqual([14n]);
  }, 120_000);
});

describe('weft serve --upstream forwards the protocol with the token file', () => {
  let first: TestServer;
  let second: TestServer;
  let noToken: TestServer;
  const tokenFile = join(tempDir('weft-token-'), 'token');

  beforeAll(async () => {
    first = await serveFixture('small', 'upstream-key');
    writeFileSync(tokenFile, 'upstream-key\n');
    const forward = analyticsFactory({ upstream: first.url, 'token-file': tokenFile });
    const bare = analyticsFactory({ upstream: first.url });
    if (typeof forward === 'string' || typeof bare === 'string') throw new Error('bad options');
    second = await startTestServer({ analytics: forward });
    noToken = await startTestServer({ analytics: bare });
  }, 120_000);
  afterAll(async () => {
    await Promise.all([first?.dispose(), second?.dispose(), noToken?.dispose()]);
  });

  it("reads the first server's process in raw mode, exactly, without a token in the browser", async () => {
    const inputs = await collectRemoteInputs(
      { baseUrl: second.url, dataSource: 'weft' },
      processIdOf('small'),
    );
    const capture = new Capture();
    for (const input of inputs) capture.add(input.bytes, input.path);
    expect(captureCsvLines(capture)).toEqual(expectedCsvLines('small'));
    expect(await (await fetch(`${second.url}/api/data-sources`)).json()).toEqual([
      { name: 'weft', is_default: true },
    ]);
  }, 120_000);

  it('says the upstream refused the token when there is none', async () => {
    const sql = 'SELECT count(*) AS n FROM blocks';
    const error = (await queryStream({ baseUrl: noToken.url, dataSource: 'weft' }, { sql }).catch(
      (e) => e,
    )) as RemoteError;
    expect([error.kind, error.status]).toEqual(['http', 502]);
    expect(error.message).toMatch(/token/);
  });

  it('refuses --token-file without --upstream, and an empty token file', () => {
    expect(analyticsFactory({ 'token-file': tokenFile })).toMatch(/--upstream/);
    const empty = join(tempDir('weft-token-'), 'empty');
    writeFileSync(empty, '\n');
    expect(analyticsFactory({ upstream: first.url, 'token-file': empty })).toMatch(/empty/);
  });
});
