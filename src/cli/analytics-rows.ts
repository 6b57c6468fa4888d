// Capture files → rows of weft serve's micromegas tables (src/db/analytics-schema.ts), as
// upstream ingestion writes them (rust/ingestion/src/web_ingestion_service.rs): a stream's UDT
// metadata and a block's payload re-encoded as CBOR (`encode_cbor`), payload_size = that
// encoding's length, format 'micromegas-transit', insert_time = when the file was stored.
// Properties are kept as JSON text (see analytics-schema.ts). Rows are gathered per table and
// inserted as one Arrow IPC stream per table. Node only.
import { decode, encode } from 'cbor-x';
import {
  Binary,
  Int32,
  Int64,
  List,
  Field,
  Table,
  TimestampNanosecond,
  Utf8,
  makeData,
  makeVector,
  tableToIPC,
  vectorFromArray,
  type DataType,
  type Vector,
} from 'apache-arrow';
import { ANALYTICS_TABLES, type AnalyticsTable } from '../db/analytics-schema';
import {
  readEnvelope,
  type BlockInfo,
  type ProcessInfo,
  type StreamInfo,
} from '../decode/envelope';

type Row = unknown[];

const TYPES: Record<string, () => DataType> = {
  VARCHAR: () => new Utf8(),
  BIGINT: () => new Int64(),
  INTEGER: () => new Int32(),
  TIMESTAMP_NS: () => new TimestampNanosecond(),
  BLOB: () => new Binary(),
  'VARCHAR[]': () => new List(new Field('item', new Utf8(), true)),
};

const text = (v: unknown) => (typeof v === 'string' ? v : null);
const utf8 = new TextEncoder();
const propertiesJson = (p: Record<string, string>) => utf8.encode(JSON.stringify(p));

export class AnalyticsRows {
  readonly rows: Record<AnalyticsTable, Row[]> = {
    mm_processes: [],
    mm_streams: [],
    mm_blocks: [],
    mm_properties: [],
  };

  /** Adds one stored file; throws (DecodeError) when it is not a readable micromegas body. */
  add(bytes: Uint8Array, path: string, insertNs: bigint): void {
    const envelope = readEnvelope(bytes, path);
    if (envelope.kind === 'block') return this.addBlock(envelope.block, insertNs);
    const raw = decode(bytes) as Record<string, unknown>;
    if (envelope.kind === 'stream') return this.addStream(envelope.stream, raw, insertNs);
    this.addProcess(envelope.process, raw, insertNs);
  }

  private addBlock(b: BlockInfo, insertNs: bigint): void {
    const payload = new Uint8Array(encode({ dependencies: b.dependencies, objects: b.objects }));
    this.rows.mm_blocks.push([
      b.blockId,
      b.streamId,
      b.processId,
      b.beginTimeNs,
      b.beginTicks,
      b.endTimeNs,
      b.endTicks,
      b.nbObjects,
      BigInt(b.objectOffset),
      BigInt(payload.length),
      insertNs,
      payload,
    ]);
  }

  private addStream(s: StreamInfo, raw: Record<string, unknown>, insertNs: bigint): void {
    const props = propertiesJson(s.properties);
    const deps = new Uint8Array(encode(raw.dependencies_metadata));
    const objs = new Uint8Array(encode(raw.objects_metadata));
    const format = 'micromegas-transit'; // FORMAT_TRANSIT upstream
    this.rows.mm_streams.push([
      s.streamId,
      s.processId,
      deps,
      objs,
      s.tags,
      props,
      insertNs,
      format,
    ]);
    this.addProperties(props, s.properties);
  }

  private addProcess(p: ProcessInfo, raw: Record<string, unknown>, insertNs: bigint): void {
    const props = propertiesJson(p.properties);
    this.rows.mm_processes.push([
      p.processId,
      p.exe,
      p.username,
      text(raw.realname) ?? '',
      p.computer,
      text(raw.distro) ?? '',
      text(raw.cpu_brand) ?? '',
      p.tscFrequency,
      p.startTimeNs,
      p.startTicks,
      insertNs,
      p.parentProcessId ?? '',
      props,
    ]);
    this.addProperties(props, p.properties);
  }

  private addProperties(blob: Uint8Array, properties: Record<string, string>): void {
    for (const [key, value] of Object.entries(properties))
      this.rows.mm_properties.push([blob, key, value]);
  }

  /** One IPC stream per table that has rows; the rows are then forgotten. */
  drain(): [AnalyticsTable, Uint8Array][] {
    const out: [AnalyticsTable, Uint8Array][] = [];
    for (const table of Object.keys(this.rows) as AnalyticsTable[]) {
      const rows = this.rows[table];
      if (rows.length === 0) continue;
      out.push([table, toIpc(table, rows)]);
      this.rows[table] = [];
    }
    return out;
  }
}

/** Arrow's timestamp builder takes milliseconds; nanoseconds go straight into the buffer. */
function column(type: string, values: unknown[]): Vector {
  if (type !== 'TIMESTAMP_NS') return vectorFromArray(values as never[], TYPES[type]() as never);
  const data = BigInt64Array.from(values as bigint[]);
  return makeVector(makeData({ type: new TimestampNanosecond(), length: data.length, data }));
}

function toIpc(table: AnalyticsTable, rows: Row[]): Uint8Array {
  const columns: Record<string, Vector> = {};
  ANALYTICS_TABLES[table].forEach(([name, type], i) => {
    columns[name] = column(
      type,
      rows.map((r) => r[i]),
    );
  });
  return tableToIPC(new Table(columns), 'stream');
}
