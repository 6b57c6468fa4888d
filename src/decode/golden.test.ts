// Golden tests: the decoder's rows equal, line for line, what micromegas' own Rust parser produced
// for every real capture in fixtures/micromegas.
import { describe, expect, it } from 'vitest';
import { captureCsvLines } from './csv';
import {
  CAPTURES,
  expectedCsvLines,
  expectedSummary,
  expectedSummaryText,
  loadCapture,
} from './testing';

describe.each(CAPTURES)('capture %s', (name) => {
  const capture = loadCapture(name);
  const summary = expectedSummary(name);

  it('decodes every row exactly as micromegas does', () => {
    const actual = captureCsvLines(capture);
    const expected = expectedCsvLines(name);
    expect(actual.length).toBe(expected.length);
    for (let i = 0; i < expected.length; i++) {
      if (actual[i] !== expected[i])
        expect(`row ${i}: ${actual[i]}`).toBe(`row ${i}: ${expected[i]}`);
    }
    expect(actual.length - 1).toBe(summary.async_events_total);
  });

  it('rejects nothing and leaves nothing waiting', () => {
    expect(capture.rejected).toEqual([]);
    expect(capture.timingRejections()).toEqual([]);
    expect(capture.waiting()).toEqual([]);
    expect(capture.blocks.size).toBe(summary.blocks_total);
    expect(capture.streams.size).toBe(summary.streams_total);
  });

  it('computes the oracle time conversion', () => {
    const converter = capture.converter(summary.process_id)!;
    expect(converter.frequency).toBe(summary.time_conversion.frequency);
    const startNs = /"start_time_ns":\s*(\d+)/.exec(expectedSummaryText(name))![1];
    expect(converter.startTimeNs).toBe(BigInt(startNs));
  });

  it('counts thread span events and decompressed sizes per block', () => {
    const counts: Record<string, number> = {};
    for (const block of capture.decoded.values()) {
      for (const [type, n] of Object.entries(block.counts.byType))
        counts[type] = (counts[type] ?? 0) + n;
      const expected = summary.blocks.find((b) => b.block_id === block.meta.blockId)!;
      expect(block.decompressedBytes).toBe(expected.dependencies_bytes + expected.objects_bytes);
      expect(block.events.length).toBe(expected.async_events);
    }
    for (const [type, n] of Object.entries(summary.non_async_objects_in_thread_blocks)) {
      expect(counts[type]).toBe(n);
    }
  });
});

it('decodes the same rows whatever the order files arrive in', () => {
  const natural = captureCsvLines(loadCapture('unclosed'));
  const blocksFirst = loadCapture('unclosed', 'blocks-first');
  expect(blocksFirst.rejected).toEqual([]);
  expect(captureCsvLines(blocksFirst)).toEqual(natural);
});
