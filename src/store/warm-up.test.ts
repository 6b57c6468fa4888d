// The page's warm-up (warm-up.ts, view-builder.ts): the sample's load path run on this thread
// gives back the copied columns of its process with most spans, which the spare view workers
// build and drop (a warm-up answers nothing; a build after it answers as ever); a spare started
// before the sample is known warms up on the made-up process only.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readCborFiles } from '../decode/testing';
import { spanTableFromColumns } from '../queries/span-table-columns';
import { handleViewRequest, type ViewMessage } from './view-build';
import { warmUpRequests } from './view-builder';
import { warmUpInput } from './view-warm';
import { warmLoadPath } from './warm-up';

const SAMPLE_DIR = join(__dirname, '../../public/sample');

function sampleFiles() {
  return readCborFiles(SAMPLE_DIR).map(([path, bytes]) => ({ path, bytes }));
}

describe('the warm-up on the bundled sample', () => {
  it("returns the sample's process with most spans, as a build takes it", async () => {
    const input = await warmLoadPath(sampleFiles(), new AbortController().signal);
    expect(input).not.toBeNull();
    const table = spanTableFromColumns(input!);
    expect(table.length).toBe(input!.spans.length);
    expect(table.length).toBeGreaterThan(0);
    expect(table.threads.length).toBeGreaterThan(0);
  });

  it('returns nothing once aborted', async () => {
    const abort = new AbortController();
    abort.abort();
    expect(await warmLoadPath(sampleFiles(), abort.signal)).toBeNull();
  });

  it('warm-ups build and answer nothing; a build after them answers as ever', async () => {
    const sample = (await warmLoadPath(sampleFiles(), new AbortController().signal))!;
    const requests = warmUpRequests(sample);
    expect(requests).toEqual([
      { warmUpSpans: expect.any(Number) },
      { warmUpWith: sample, passes: expect.any(Number) },
    ]);
    const answers: ViewMessage[] = [];
    const post = (message: ViewMessage) => answers.push(message);
    for (const request of requests) handleViewRequest(request, post);
    expect(answers).toEqual([]);
    handleViewRequest(warmUpInput(300), post);
    expect(answers.map((m) => m.kind)).toEqual(['first', 'events']);
  });

  it('a spare started before the sample is known warms up on the made-up process', () => {
    expect(warmUpRequests(null)).toEqual([{ warmUpSpans: expect.any(Number) }]);
  });
});
