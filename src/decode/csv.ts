// Async events as CSV in the oracle's format (RFC 4180 quoting, header below). Used by
// `weft decode` and by the golden tests. No DOM, no Node APIs.
import { csvField } from '../base/csv';
import type { DecodedBlock } from './block';
import type { Capture } from './capture';
import { BEGIN } from './event-columns';
import { ticksToEpochNs, type TimeConverter } from './time-converter';

export const ASYNC_EVENTS_CSV_HEADER =
  'stream_id,block_id,time_ns,ticks,event_type,span_id,parent_span_id,depth,hash,name,filename,target,line';

export { csvField } from '../base/csv';

/** The CSV lines (without newline) of one decoded block. */
export function blockCsvLines(block: DecodedBlock, converter: TimeConverter): string[] {
  const { events, scopes, meta } = block;
  const times = ticksToEpochNs(converter, events.ticks);
  const scopeText = scopes.map(
    (s) => `${s.hash},${csvField(s.name)},${csvField(s.filename)},${csvField(s.target)},${s.line}`,
  );
  const prefix = `${csvField(meta.streamId)},${csvField(meta.blockId)},`;
  const lines = new Array<string>(events.length);
  for (let i = 0; i < events.length; i++) {
    const type = events.eventType[i] === BEGIN ? 'begin' : 'end';
    lines[i] =
      `${prefix}${times[i]},${events.ticks[i]},${type},${events.spanId[i]},` +
      `${events.parentSpanId[i]},${events.depth[i]},${scopeText[events.scope[i]]}`;
  }
  return lines;
}

/** Every line of a capture's CSV, header first, in the oracle's order (tests and small outputs). */
export function captureCsvLines(capture: Capture): string[] {
  const lines = [ASYNC_EVENTS_CSV_HEADER];
  for (const block of capture.orderedBlocks()) {
    const converter = capture.converter(block.meta.processId);
    if (!converter) throw new Error(`no time converter for process ${block.meta.processId}`);
    lines.push(...blockCsvLines(block, converter));
  }
  return lines;
}
