// Test helpers (Node only) for the exports: a capture's processes with their span tables, and the
// oracle's spans of one process (expected_async_events.csv paired by span id over the process's
// streams), to check an export read back against numbers that owe nothing to weft's span table.
import { loadCapture } from '../../decode/testing';
import { oracleEvents, type OracleEvent } from '../../queries/testing';
import type { SpanTable } from '../span-table';
import { spanTableFromCapture } from '../testing';
import type { ExportProcess } from './scope';

export interface OracleSpanOfProcess {
  name: string;
  begin?: OracleEvent;
  end?: OracleEvent;
}

export interface ProcessCase {
  capture: string;
  process: ExportProcess;
  table: SpanTable;
  /** Oracle spans of the process by span id. */
  oracle: Map<bigint, OracleSpanOfProcess>;
  /** Stream id → thread-name property. */
  threadNames: Map<string, string>;
  firstNs: bigint;
  lastNs: bigint;
}

export function processCases(captureName: string): ProcessCase[] {
  const capture = loadCapture(captureName);
  const events = oracleEvents(captureName);
  return [...capture.processes.values()].map((info) => {
    const streams = new Set(
      [...capture.streams.values()]
        .filter((s) => s.processId === info.processId)
        .map((s) => s.streamId),
    );
    const oracle = new Map<bigint, OracleSpanOfProcess>();
    let firstNs: bigint | undefined;
    let lastNs: bigint | undefined;
    for (const e of events) {
      if (!streams.has(e.streamId)) continue;
      if (firstNs === undefined || e.timeNs < firstNs) firstNs = e.timeNs;
      if (lastNs === undefined || e.timeNs > lastNs) lastNs = e.timeNs;
      const span = oracle.get(e.spanId) ?? { name: e.name };
      if (e.type === 'begin') span.begin ??= e;
      else span.end ??= e;
      oracle.set(e.spanId, span);
    }
    const threadNames = new Map(
      [...capture.streams.values()].map((s) => [s.streamId, s.properties['thread-name'] ?? '']),
    );
    return {
      capture: captureName,
      process: { processId: info.processId, exe: info.exe },
      table: spanTableFromCapture(capture, info.processId),
      oracle,
      threadNames,
      firstNs: firstNs ?? 0n,
      lastNs: lastNs ?? 0n,
    };
  });
}

/** Oracle spans with both a begin and an end. */
export function completeOracleSpans(c: ProcessCase): [bigint, OracleSpanOfProcess][] {
  return [...c.oracle].filter(([, s]) => s.begin && s.end);
}
