// A process's weft_spans rows given to the sink a part at a time, from its span columns or from
// its packed spans (unpacked a part at a time), so neither DuckDB's heap nor this thread holds
// every span's rows at once. No DOM, no Node APIs, no DuckDB.
import type { IngestSink } from './ports';
import type { IpcRows } from './protocol';
import type { PackedSpans } from './packed-spans';
import { PackedSpansReader } from './packed-spans-reader';
import { inlineRows, type RowsBuilder } from './rows-builder';
import type { SpanColumns } from './span-accumulator';

/**
 * Span rows per insert (~2 MB of Arrow IPC). DuckDB's heap grows with the uncompressed rows it
 * holds between two checkpoints (db/schema.ts) and never shrinks: smaller batches keep it lower
 * (large, in Node on the same DuckDB-WASM: resident 133 MB with 2^17 rows per insert, 78 MB with
 * 2^15 and a 4 MB checkpoint threshold; the data is 53 MB either way).
 */
const SPAN_ROWS_PER_INSERT = 1 << 15;

/** Gives the sink `rows`, unless there are none. */
export async function insert(sink: IngestSink, rows: IpcRows): Promise<void> {
  if (rows.rows > 0) await sink.insert(rows.table, rows.ipc);
}

/** Rows from..to of some span columns: a part of a process's spans the sink is given. */
type SpanPart = [columns: SpanColumns, from: number, to: number];

/** Replaces a process's weft_spans rows with `parts`, an insert each (the first replaces). */
async function replaceSpanParts(
  sink: IngestSink,
  processKey: number,
  parts: Iterable<SpanPart>,
  rows: RowsBuilder,
) {
  let first = true;
  for (const [columns, from, to] of parts) {
    const built = await rows.spans(processKey, columns, from, to);
    await (first ? sink.replaceSpans(processKey, built.ipc) : insert(sink, built));
    first = false;
  }
}

/** `spans` as parts of `rowsPerInsert` rows (one empty part when there are none: it replaces). */
function* columnParts(spans: SpanColumns, rowsPerInsert: number): Generator<SpanPart> {
  for (let from = 0; from === 0 || from < spans.length; from += rowsPerInsert)
    yield [spans, from, Math.min(spans.length, from + rowsPerInsert)];
}

/** `packed` unpacked a part at a time (each used before the next is read). */
function* packedParts(packed: PackedSpans, rowsPerInsert: number): Generator<SpanPart> {
  const reader = new PackedSpansReader(packed);
  do {
    const part = reader.read(rowsPerInsert);
    yield [part, 0, part.length];
  } while (reader.left > 0);
}

/**
 * Replaces a process's weft_spans rows, SPAN_ROWS_PER_INSERT at a time: DuckDB-WASM copies each
 * batch into its heap, which never shrinks, so one batch of every span (1.76M rows, ~100 MB)
 * would leave its size behind for good.
 */
export function replaceSpans(
  sink: IngestSink,
  processKey: number,
  spans: SpanColumns,
  rows: RowsBuilder = inlineRows(),
  rowsPerInsert = SPAN_ROWS_PER_INSERT,
) {
  return replaceSpanParts(sink, processKey, columnParts(spans, rowsPerInsert), rows);
}

/**
 * replaceSpans from packed rows: unpacked a part at a time (packed-spans-reader.ts), so only
 * ~17 B per span stay while the sink takes them (it waits for DuckDB: db/sink.ts).
 */
export function replacePackedSpans(
  sink: IngestSink,
  processKey: number,
  packed: PackedSpans,
  rows: RowsBuilder = inlineRows(),
  rowsPerInsert = SPAN_ROWS_PER_INSERT,
) {
  return replaceSpanParts(sink, processKey, packedParts(packed, rowsPerInsert), rows);
}
