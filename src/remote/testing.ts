// Test builders for src/remote: a result table with every column kind the protocol carries
// (plain and dictionary text, int64, nanosecond timestamps, binary, list of text), and a fake
// fetch that answers with a body cut into chunks wherever a test wants.
import {
  Binary,
  Dictionary,
  Int32,
  Int64,
  List,
  Field,
  RecordBatch,
  Schema,
  Table,
  TimestampNanosecond,
  Utf8,
  makeData,
  makeVector,
  vectorFromArray,
  Struct,
} from 'apache-arrow';
import type { RemoteFetch } from './client';

export interface SampleRows {
  names: string[];
  threads: string[];
  counts: bigint[];
  timesNs: bigint[];
  blobs: Uint8Array[];
  tags: string[][];
}

export function sampleRows(n: number, seed: number): SampleRows {
  const rows: SampleRows = { names: [], threads: [], counts: [], timesNs: [], blobs: [], tags: [] };
  for (let i = 0; i < n; i++) {
    rows.names.push(`name ${seed}-${i} ✓`);
    rows.threads.push(`thread-${(i * 7 + seed) % 3}`);
    rows.counts.push(BigInt(i) * 1_000_000_007n - 3n);
    rows.timesNs.push(1_795_739_420_923_452_952n + BigInt(i * 1001 + seed));
    rows.blobs.push(Uint8Array.from({ length: 40 + i }, (_, k) => (k * 13 + seed) & 0xff));
    rows.tags.push(i % 2 === 0 ? ['cpu'] : ['log', 'x']);
  }
  return rows;
}

const TIME_TYPE = new TimestampNanosecond('+00:00');

const FIELDS = [
  new Field('name', new Utf8(), true),
  new Field('thread', new Dictionary(new Utf8(), new Int32(), 0), true),
  new Field('count', new Int64(), true),
  new Field('time', TIME_TYPE, true),
  new Field('blob', new Binary(), true),
  new Field('tags', new List(new Field('tag', new Utf8(), true)), true),
];

export const SAMPLE_SCHEMA = new Schema(FIELDS);

export function sampleBatch(rows: SampleRows): RecordBatch {
  const n = rows.names.length;
  const children = [
    vectorFromArray(rows.names, new Utf8()).data[0],
    vectorFromArray(rows.threads, FIELDS[1].type).data[0],
    makeVector(BigInt64Array.from(rows.counts)).data[0],
    makeData({ type: TIME_TYPE, length: n, data: BigInt64Array.from(rows.timesNs) }),
    vectorFromArray(rows.blobs, new Binary()).data[0],
    vectorFromArray(rows.tags, FIELDS[5].type).data[0],
  ];
  const data = makeData({ type: new Struct(FIELDS), length: n, children });
  return new RecordBatch(SAMPLE_SCHEMA, data);
}

export function sampleTable(batchSizes: number[]): { table: Table; rows: SampleRows[] } {
  const rows = batchSizes.map((n, i) => sampleRows(n, i));
  return { table: new Table(rows.map(sampleBatch)), rows };
}

export function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** A body streamed in the given chunks. */
export function chunkedResponse(chunks: Uint8Array[], status = 200): Response {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(c);
      controller.close();
    },
  });
  return new Response(stream, {
    status,
    headers: { 'Content-Type': 'application/x-micromegas-arrow-stream' },
  });
}

export interface Recorded {
  url: string;
  init: RequestInit;
}

/** A fetch answering every call with `answer(url, init)`; records the calls. */
export function fakeFetch(answer: (url: string, init: RequestInit) => Response): {
  fetch: RemoteFetch;
  calls: Recorded[];
} {
  const calls: Recorded[] = [];
  const fetch: RemoteFetch = async (url, init) => {
    calls.push({ url, init });
    return answer(url, init);
  };
  return { fetch, calls };
}
