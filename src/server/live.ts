// The live feed of one process's stored files, two ways (documented in router.ts):
// Server-Sent Events (the backlog from a cursor, then each new file as it is stored) and a
// cursor-based poll. A cursor is a count of files: the file with index i moves it to i + 1.
// Node only.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CaptureStore } from './capture-store';
import { sendJson } from './http-util';
import type { StoredFile } from './process-index';

const HEARTBEAT_MS = 15_000;
const RETRY_MS = 2_000;

/** The cursor of a request: `Last-Event-ID` (an EventSource reconnecting), else `?since=`. */
export function cursorOf(req: IncomingMessage, query: URLSearchParams): number {
  const text = req.headers['last-event-id'] ?? query.get('since') ?? '0';
  const n = Number(text);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}

const fileJson = (file: StoredFile) => ({ index: file.index, path: file.path, kind: file.kind });

/** GET /api/processes/<id>/files?since=<n> */
export function sendFiles(
  res: ServerResponse,
  store: CaptureStore,
  processId: string,
  since: number,
) {
  const files = store.files(processId, since) ?? [];
  const next = files.length > 0 ? files[files.length - 1].index + 1 : since;
  sendJson(res, 200, { processId, known: store.has(processId), next, files: files.map(fileJson) });
}

/** GET /api/processes/<id>/events: keeps the response open until the client or server closes. */
export function streamEvents(
  req: IncomingMessage,
  res: ServerResponse,
  store: CaptureStore,
  processId: string,
  since: number,
): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.write(`retry: ${RETRY_MS}\n\n`);
  let next = since;
  const send = (file: StoredFile) => {
    if (file.index < next) return;
    next = file.index + 1;
    res.write(`id: ${next}\ndata: ${JSON.stringify(fileJson(file))}\n\n`);
  };
  // Subscribing and sending the backlog happen in one synchronous step: nothing is missed.
  const unsubscribe = store.subscribe(processId, send);
  for (const file of store.files(processId, since) ?? []) send(file);
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  req.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}
