// Reads a request body into memory within three bounds, so no client can make the server hold
// more than it allows:
// - a per-body byte limit: an announced Content-Length above it is refused before any byte is
//   read, and a body without one is cut off as soon as it passes the limit (413);
// - a budget of body bytes in flight across all requests (BodyBudget): the announced length (or
//   each chunk of a body without one) is reserved before it is buffered, released when the
//   request is done; when the budget is spent the answer is 503 + Retry-After, which micromegas'
//   sink retries (rust/telemetry-sink/src/http_event_sink.rs: 5xx is "Transient", while every
//   4xx — 429 included — is "Permanent" and drops the data);
// - an idle timeout: a body that sends nothing for `idleMs` is abandoned (408).
// Node only.
import type { IncomingMessage } from 'node:http';

export type BodyResult =
  { ok: true; bytes: Uint8Array } | { ok: false; status: 400 | 408 | 413 | 503; reason: string };

export const DEFAULT_MAX_BODY_BYTES = 100 * 1024 * 1024; // upstream's RequestBodyLimitLayer
export const DEFAULT_MAX_INFLIGHT_BYTES = 256 * 1024 * 1024;
export const DEFAULT_BODY_IDLE_MS = 30_000;

/** Body bytes held across all requests, against one limit. */
export class BodyBudget {
  private used = 0;
  constructor(readonly limitBytes: number) {}

  get usedBytes(): number {
    return this.used;
  }

  /** Reserves `bytes` if they fit; a reservation lives until its release(). */
  reserve(): Reservation {
    let held = 0;
    return {
      grow: (bytes: number) => {
        if (this.used + bytes > this.limitBytes) return false;
        this.used += bytes;
        held += bytes;
        return true;
      },
      release: () => {
        this.used -= held;
        held = 0;
      },
    };
  }
}

export interface Reservation {
  /** Adds `bytes` to the reservation; false (and nothing reserved) when the budget is spent. */
  grow(bytes: number): boolean;
  release(): void;
}

export interface BodyLimits {
  maxBytes: number;
  idleMs: number;
}

const tooLarge = (maxBytes: number): BodyResult => ({
  ok: false,
  status: 413,
  reason: `body larger than ${maxBytes} bytes`,
});
const busy: BodyResult = {
  ok: false,
  status: 503,
  reason: 'too many body bytes in flight; retry later',
};

/**
 * Reads `req`'s body within `limits`, holding its bytes in `reservation` (which the caller
 * releases once it no longer needs them). On refusal the rest of the body is never buffered.
 */
export function readBody(
  req: IncomingMessage,
  limits: BodyLimits,
  reservation: Reservation,
): Promise<BodyResult> {
  const announced = Number(req.headers['content-length'] ?? NaN);
  if (announced > limits.maxBytes) return Promise.resolve(tooLarge(limits.maxBytes));
  const known = Number.isSafeInteger(announced) && announced >= 0;
  if (known && !reservation.grow(announced)) return Promise.resolve(busy);
  return collect(req, limits, reservation, known);
}

function collect(
  req: IncomingMessage,
  limits: BodyLimits,
  reservation: Reservation,
  reserved: boolean,
): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let timer: NodeJS.Timeout | undefined;
    const settle = (result: BodyResult) => {
      clearTimeout(timer);
      req.off('data', onData);
      if (!result.ok) chunks.length = 0;
      resolve(result); // the first settlement wins
    };
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => settle(idle(limits.idleMs)), limits.idleMs);
    };
    const onData = (chunk: Buffer) => {
      arm();
      total += chunk.byteLength;
      if (total > limits.maxBytes) return settle(tooLarge(limits.maxBytes));
      if (!reserved && !reservation.grow(chunk.byteLength)) return settle(busy);
      chunks.push(chunk);
    };
    arm();
    req.on('data', onData);
    req.on('end', () => settle(whole(chunks, total)));
    req.on('error', (error) => settle({ ok: false, status: 400, reason: error.message }));
    // A client that goes away mid-body: settle (a normal 'end' came first if the body was whole).
    req.on('close', () => settle({ ok: false, status: 400, reason: 'body ended early' }));
  });
}

function idle(idleMs: number): BodyResult {
  return { ok: false, status: 408, reason: `no body bytes for ${idleMs} ms` };
}

function whole(chunks: Buffer[], total: number): BodyResult {
  const bytes = Buffer.concat(chunks, total);
  return { ok: true, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
}
