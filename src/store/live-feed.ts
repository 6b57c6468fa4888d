// The live view: while a process still sends telemetry to the weft server, its new files arrive
// on the server's Server-Sent Events feed (GET /api/processes/<id>/events?since=<n>, see
// src/server/router.ts) and are loaded in small batches. The EventSource is injected. No React.
import type { LoadInput } from './backend';
import { folderEntryUrl } from './capture-url';

export interface EventSourceLike {
  close(): void;
}

/** Opens a Server-Sent Events feed calling `onMessage` with each event's data. */
export type OpenEvents = (url: string, onMessage: (data: string) => void) => EventSourceLike;

const ID = /^[\w-]+$/;
const CAPTURE_PATH = /\/captures\/([\w-]+)\/$/;

/** The server process id behind a capture folder URL (`…/captures/<id>/`), or null. */
export function serverProcessId(baseUrl: string): string | null {
  const match = CAPTURE_PATH.exec(new URL(baseUrl).pathname);
  return match && ID.test(match[1]) ? match[1] : null;
}

export function liveFeedUrl(baseUrl: string, processId: string, since: number): string {
  return new URL(`/api/processes/${processId}/events?since=${since}`, baseUrl).href;
}

function parseFile(data: string): { path: string } | null {
  try {
    const body = JSON.parse(data) as { path?: unknown };
    return typeof body.path === 'string' ? { path: body.path } : null;
  } catch {
    return null;
  }
}

export class LiveFeed {
  private source: EventSourceLike | null = null;
  private pending: LoadInput[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly open: OpenEvents,
    private readonly onFiles: (inputs: LoadInput[]) => void,
    private readonly batchMs = 250,
  ) {}

  /** Follows a server capture from cursor `since` (the number of files already loaded). */
  start(baseUrl: string, processId: string, since: number): void {
    this.stop();
    this.source = this.open(liveFeedUrl(baseUrl, processId, since), (data) => {
      const file = parseFile(data);
      const entry = file && folderEntryUrl(file.path, baseUrl);
      if (!file || !entry || !('url' in entry)) return; // only files inside the followed folder
      this.pending.push({ kind: 'url', url: entry.url, path: file.path });
      if (this.timer === undefined) this.timer = setTimeout(this.flush, this.batchMs);
    });
  }

  stop(): void {
    this.source?.close();
    this.source = null;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = [];
  }

  get active(): boolean {
    return this.source !== null;
  }

  private readonly flush = (): void => {
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length > 0) this.onFiles(batch);
  };
}
