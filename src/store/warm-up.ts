// Warming up before the first drop: V8 optimizes a function only once it has run a while, so
// the first load of a page ran its decoder, merge and view build cold, 2–3× slower than the next.
// The bundled sample capture (public/sample, 28 files, ~150 kB), fetched once the page is up, is
// what the decode workers (src/ingest/client.ts `warmUp`), this thread's load path
// (warmLoadPath) and the spare view workers (view-builder.ts) run on, and dropped. A speed-up
// only: a failure here leaves the code cold, never fails a load. No React.
import { bytesSource, inlinePort, metadataFirst, type IngestSink } from '../ingest/ports';
import type { InputBytes } from '../ingest/protocol';
import { Scheduler } from '../ingest/scheduler';
import { estimateEvents, surveyInput } from '../ingest/survey';
import { runAtOnce } from '../base/time-slices';
import { manifestInputs, SAMPLE_PROCESS, type FetchFn } from './process-source';
import { detachedInputSteps, spanColumnsInput } from './view-build';
import type { SpanColumnsInput } from '../queries/span-table-columns';

/** The sample's files as bytes, or none when any cannot be had. */
export async function sampleFiles(pageHref: string, fetchFn: FetchFn): Promise<InputBytes[]> {
  try {
    const inputs = await manifestInputs(new URL(SAMPLE_PROCESS, pageHref).href, fetchFn);
    return await Promise.all(
      inputs.map(async (input) => {
        if (input.kind !== 'url') throw new Error('a manifest lists URLs');
        const response = await fetchFn(input.url);
        if (!response.ok) throw new Error(`${input.url}: ${response.status}`);
        return { path: input.path, bytes: new Uint8Array(await response.arrayBuffer()) };
      }),
    );
  } catch {
    return [];
  }
}

const nullSink: IngestSink = {
  insert: async () => {},
  replaceSpans: async () => {},
  setTimeConverter: async () => {},
  finish: async () => {},
};

/**
 * This thread's part of a load, run on `files` and dropped: the budget's survey, the merge into
 * span columns and Arrow rows (decoded here, on a core of this scheduler's own), the first view's
 * copy of them; so V8 has optimized it before the first drop. Stops at `signal`. Returns the
 * copied columns of the process with most spans (what the view workers warm up on), or null.
 */
export async function warmLoadPath(
  files: InputBytes[],
  signal: AbortSignal,
): Promise<SpanColumnsInput | null> {
  estimateEvents(files.map(({ path, bytes }) => surveyInput(bytes, path)));
  const scheduler = new Scheduler([inlinePort()], nullSink, () => {});
  const stop = () => scheduler.cancel();
  signal.addEventListener('abort', stop);
  let most: SpanColumnsInput | null = null;
  try {
    await scheduler.add(metadataFirst(files.map(({ path, bytes }) => bytesSource(path, bytes))));
    for (const { processId } of scheduler.processes()) {
      if (signal.aborted) return null;
      const copy = runAtOnce(
        detachedInputSteps(spanColumnsInput(scheduler.processSpans(processId))),
      );
      if (copy.spans.length > (most?.spans.length ?? 0)) most = copy;
    }
  } finally {
    signal.removeEventListener('abort', stop);
    scheduler.terminate();
  }
  return most;
}
