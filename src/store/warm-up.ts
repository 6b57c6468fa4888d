// The bytes the decode workers warm up on (src/ingest/client.ts `warmUp`): the bundled sample
// capture (public/sample, 28 files, ~150 kB), fetched once the page is up. A warm-up is a speed-up
// only: any failure here leaves the workers cold, never fails a load. No React.
import type { InputBytes } from '../ingest/protocol';
import { manifestInputs, SAMPLE_PROCESS, type FetchFn } from './process-source';

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
