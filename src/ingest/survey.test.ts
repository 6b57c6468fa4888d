// The survey of inputs bounds the span events a load can bring, from block headers and the real
// size of their buffers: equal, on every capture, to the rule applied to the oracle summary's
// blocks (nb_objects, objects_lz4_bytes, tags), never below the events the capture holds; a
// header claiming more objects than its buffer can hold is held to the buffer; blocks of streams
// without spans bring none; a repeated block counts once.
import { decode, encode } from 'cbor-x';
import { describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { CAPTURES, expectedSummary, FIXTURES, readCborFiles } from '../decode/testing';
import { blockEventBound, estimateEvents, MAX_EVENTS_PER_BYTE, surveyInput } from './survey';

const surveyed = (files: [string, Uint8Array][]) =>
  files.map(([name, bytes]) => surveyInput(bytes, name));

describe.each(CAPTURES)('estimateEvents on %s', (capture) => {
  test('equals the rule over the summary blocks, and bounds the capture events', () => {
    const summary = expectedSummary(capture);
    const blocks = summary.blocks as (ReturnType<typeof expectedSummary>['blocks'][number] & {
      objects_lz4_bytes: number;
      tags: string[];
    })[];
    const want = blocks
      .filter((b) => b.tags.includes('cpu'))
      .reduce((sum, b) => sum + blockEventBound(b.nb_objects, b.objects_lz4_bytes), 0);
    const estimate = estimateEvents(surveyed(readCborFiles(join(FIXTURES, capture))));
    expect(estimate.events).toBe(want);
    expect(estimate.events).toBeGreaterThanOrEqual(summary.async_events_total);
    for (let i = 1; i < estimate.blocks.length; i++)
      expect(estimate.blocks[i].beginNs >= estimate.blocks[i - 1].beginNs).toBe(true);
  });
});

describe('estimateEvents on hostile and partial inputs', () => {
  const files = readCborFiles(join(FIXTURES, 'small'));
  const blockAt = files.findIndex(([name]) => name.includes('blocks'));
  const [blockName, blockBytes] = files[blockAt];
  const block = decode(blockBytes) as Record<string, unknown> & {
    nb_objects: number;
    payload: { objects: Uint8Array };
  };

  test('a header claiming 2^31 objects is held to what its buffer can hold', () => {
    const claims = new Uint8Array(encode({ ...block, nb_objects: 2 ** 31 - 1 }));
    const survey = surveyInput(claims, blockName);
    expect(survey).toMatchObject({ kind: 'block', nbObjects: 2 ** 31 - 1 });
    const bound = Math.floor(block.payload.objects.byteLength * MAX_EVENTS_PER_BYTE);
    expect(estimateEvents([survey]).events).toBe(bound);
    expect(bound).toBeLessThan(2 ** 31 - 1);
  });

  test('blocks of a stream without spans bring none; a repeated block counts once', () => {
    const stream = surveyInput(
      files.find(([name]) => name.includes('streams'))![1],
      'streams/x.cbor',
    );
    if (stream.kind !== 'stream') throw new Error('not a stream');
    const one = surveyInput(blockBytes, blockName);
    expect(estimateEvents([one, one]).events).toBe(estimateEvents([one]).events);
    const silent = { ...stream, spans: false };
    const own = one.kind === 'block' ? { ...silent, streamId: one.streamId } : silent;
    expect(estimateEvents([own, one]).events).toBe(0);
  });

  test('unreadable bytes bring nothing', () => {
    expect(surveyInput(new Uint8Array([1, 2, 3]), blockName)).toEqual({ kind: 'other' });
    expect(estimateEvents([{ kind: 'other' }]).events).toBe(0);
  });
});
