// POST /ingestion/insert_process | insert_stream | insert_block (documented in router.ts): reads
// the body within the limits of body.ts, then checks and stores it. Node only.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, type BodyBudget, type BodyResult } from './body';
import type { CaptureStore } from './capture-store';
import { sendText } from './http-util';
import type { CaptureFileKind } from './ids';

export interface IngestLimits {
  maxBodyBytes: number;
  /** Body bytes in flight across all requests. */
  budget: BodyBudget;
  /** A body that sends nothing for this long is abandoned (408). */
  bodyIdleMs: number;
  log: (line: string) => void;
}

/** Seconds a refused client waits before retrying when the in-flight budget is spent. */
const RETRY_AFTER_S = 1;

function refuseBody(req: IncomingMessage, res: ServerResponse, body: BodyResult & { ok: false }) {
  req.resume(); // discard the rest, never buffer it
  const headers: Record<string, string | number> = { Connection: 'close' };
  if (body.status === 503) headers['Retry-After'] = RETRY_AFTER_S;
  sendText(res, body.status, body.reason, headers);
}

export async function ingestRoute(
  store: CaptureStore,
  limits: IngestLimits,
  req: IncomingMessage,
  res: ServerResponse,
  kind: CaptureFileKind,
): Promise<void> {
  if (req.method !== 'POST') return sendText(res, 405, 'use POST', { Allow: 'POST' });
  const reservation = limits.budget.reserve();
  try {
    const body = await readBody(
      req,
      { maxBytes: limits.maxBodyBytes, idleMs: limits.bodyIdleMs },
      reservation,
    );
    if (!body.ok) {
      limits.log(`weft: ${req.url}: ${body.status} ${body.reason}`);
      return refuseBody(req, res, body);
    }
    const result = await store.ingest(kind, body.bytes);
    if (result.status === 'rejected') {
      limits.log(`weft: ${req.url}: 400 ${result.reason}`);
      return sendText(res, 400, result.reason);
    }
    if (result.status === 'conflict') {
      const reason = `${result.path} of process ${result.processId} is already stored with other content; the first is kept`;
      limits.log(`weft: ${req.url}: 409 ${reason}`);
      return sendText(res, 409, reason);
    }
    res.writeHead(200, { 'Content-Length': 0 }).end();
  } finally {
    reservation.release();
  }
}
