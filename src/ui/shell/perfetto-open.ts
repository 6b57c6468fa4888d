// "Open in Perfetto": opens a Perfetto UI tab and posts a trace to it with the handshake Perfetto
// documents (perfetto docs/visualization/deep-linking-to-perfetto-ui.md, "Option 2: postMessage"):
// window.open the UI, send 'PING' until the tab answers 'PONG' (its listener may not be there
// yet: messages before it are lost), then post {perfetto: {buffer, title, fileName}}. When no tab
// opens (a popup blocker) or none answers in time, the caller downloads the trace instead.
// No React.

export const DEFAULT_PERFETTO_URL = 'https://ui.perfetto.dev';
const URL_KEY = 'weft.perfettoUrl';

/** The Perfetto UI address the user chose (kept in localStorage), or the public one. */
export function perfettoUrl(): string {
  try {
    return localStorage.getItem(URL_KEY) || DEFAULT_PERFETTO_URL;
  } catch {
    return DEFAULT_PERFETTO_URL;
  }
}

export function setPerfettoUrl(url: string): void {
  try {
    if (url.trim() && url.trim() !== DEFAULT_PERFETTO_URL)
      localStorage.setItem(URL_KEY, url.trim());
    else localStorage.removeItem(URL_KEY);
  } catch {
    // Storage refused (private mode): the choice lasts for this page only.
  }
}

export interface PerfettoTrace {
  bytes: Uint8Array;
  title: string;
  fileName: string;
}

export type OpenOutcome = 'posted' | 'no-tab' | 'no-answer';

/** The opened tab, as far as the handshake needs it (a Window in the browser). */
export interface PerfettoTab {
  postMessage(message: unknown, targetOrigin: string): void;
}

/** What the handshake touches: the tab, the page's messages and timers (injectable for tests). */
export interface PerfettoEnv {
  open(url: string): PerfettoTab | null;
  /** Calls `listener` with every message the page receives; returns an unsubscribe function. */
  listen(listener: (message: { source: unknown; data: unknown }) => void): () => void;
  /** Calls `tick` every `ms` until the returned function is called. */
  every(ms: number, tick: () => void): () => void;
  /** Calls `done` once after `ms` unless the returned function is called first. */
  after(ms: number, done: () => void): () => void;
}

export function browserPerfettoEnv(): PerfettoEnv {
  return {
    open: (url) => window.open(url),
    listen: (listener) => {
      const onMessage = (event: MessageEvent) => listener(event);
      window.addEventListener('message', onMessage);
      return () => window.removeEventListener('message', onMessage);
    },
    every: (ms, tick) => {
      const id = setInterval(tick, ms);
      return () => clearInterval(id);
    },
    after: (ms, done) => {
      const id = setTimeout(done, ms);
      return () => clearTimeout(id);
    },
  };
}

export const PING_INTERVAL_MS = 250;
export const ANSWER_TIMEOUT_MS = 20_000;

/** Opens `uiUrl` in a new tab and posts the trace once it answers; resolves how it went. */
export function openInPerfetto(
  trace: PerfettoTrace,
  uiUrl: string,
  env: PerfettoEnv = browserPerfettoEnv(),
  timeoutMs = ANSWER_TIMEOUT_MS,
): Promise<OpenOutcome> {
  let origin: string;
  try {
    origin = new URL(uiUrl).origin;
  } catch {
    return Promise.resolve('no-tab');
  }
  const tab = env.open(uiUrl);
  if (!tab) return Promise.resolve('no-tab');
  return new Promise((resolve) => {
    const stopPing = env.every(PING_INTERVAL_MS, () => tab.postMessage('PING', origin));
    const stop = (outcome: OpenOutcome) => {
      stopPing();
      stopTimer();
      unlisten();
      resolve(outcome);
    };
    const stopTimer = env.after(timeoutMs, () => stop('no-answer'));
    const unlisten = env.listen((message) => {
      if (message.source !== tab || message.data !== 'PONG') return;
      const buffer = trace.bytes.slice().buffer;
      tab.postMessage(
        { perfetto: { buffer, title: trace.title, fileName: trace.fileName } },
        origin,
      );
      stop('posted');
    });
  });
}

/**
 * "Open in Perfetto" as the Export menu does it: posted to a Perfetto tab that answers, else
 * (no tab opened, or none answered in time) `download`ed; resolves what happened.
 */
export async function openOrDownload(
  trace: PerfettoTrace,
  uiUrl: string,
  download: () => void,
  env?: PerfettoEnv,
): Promise<OpenOutcome> {
  const outcome = await openInPerfetto(trace, uiUrl, env);
  if (outcome !== 'posted') download();
  return outcome;
}
