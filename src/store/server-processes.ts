// The page's own weft server as a process list when it does not answer micromegas' protocol
// (an older weft serve): GET /api/processes (src/server/router.ts documents it), filtered here by
// text and time range. A server that speaks the protocol is listed through it instead
// (connect-actions.ts), as any deployment is. No React.
import type { BrowserFilter, BrowserProcess, ProcessLister } from './process-browser';
import type { FetchFn } from './process-source';

const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const timeOrNull = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** One entry of /api/processes, or null when it has no id. */
export function fromServerSummary(entry: unknown): BrowserProcess | null {
  if (!entry || typeof entry !== 'object') return null;
  const e = entry as Record<string, unknown>;
  if (typeof e.id !== 'string' || !e.id) return null;
  const blocksByTag = (e.blocksByTag ?? {}) as Record<string, unknown>;
  return {
    processId: e.id,
    exe: text(e.exe),
    computer: text(e.computer),
    username: text(e.username),
    startTime: timeOrNull(e.startTime),
    lastBlockTime: timeOrNull(e.lastBlockTime),
    cpuBlocks: count(blocksByTag.cpu),
    totalBlocks: count(e.blockCount),
  };
}

const epochMs = (iso: string | null): number => (iso === null ? NaN : Date.parse(iso));

/** A process is listed when its text matches and its [start, last block] overlaps the range. */
export function matchesFilter(p: BrowserProcess, filter: BrowserFilter): boolean {
  const needle = filter.text.trim().toLowerCase();
  if (needle) {
    const hay = `${p.processId} ${p.exe} ${p.computer} ${p.username}`.toLowerCase();
    if (!hay.includes(needle)) return false;
  }
  const startMs = epochMs(p.startTime);
  const endMs = Math.max(startMs, epochMs(p.lastBlockTime) || startMs);
  if (filter.endIso !== null && startMs > epochMs(filter.endIso)) return false;
  if (filter.beginIso !== null && endMs < epochMs(filter.beginIso)) return false;
  return true;
}

/** Lists the server's processes in its order (most recently updated first). */
export function serverLister(fetchFn: FetchFn): ProcessLister {
  return async (filter, signal) => {
    let response: Response;
    try {
      response = await fetchFn('/api/processes', {
        headers: { accept: 'application/json' },
        signal,
      });
    } catch (error) {
      if (signal.aborted) throw error;
      throw new Error('The weft server did not answer /api/processes (is it still running?)');
    }
    if (response.status === 404) return null;
    if (!response.ok) throw new Error(`/api/processes answered ${response.status}`);
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      return null; // an HTML page: not a weft server
    }
    if (!Array.isArray(body)) return null;
    const all = body.map(fromServerSummary).filter((p): p is BrowserProcess => p !== null);
    return all.filter((p) => matchesFilter(p, filter));
  };
}
