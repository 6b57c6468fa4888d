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

/** Opens `uiUrl` in a new tab and posts the trace once it answers; resolves how it went. */
export function openInPerfetto(
  trace: PerfettoTrace,
  uiUrl: string,
  timeoutMs = 20_000,
): Promise<OpenOutcome> {
  let origin: string;
  try {
    origin = new URL(uiUrl).origin;
  } catch {
    return Promise.resolve('no-tab');
  }
  const tab = window.open(uiUrl);
  if (!tab) return Promise.resolve('no-tab');
  return new Promise((resolve) => {
    const ping = setInterval(() => tab.postMessage('PING', origin), 250);
    const stop = (outcome: OpenOutcome) => {
      clearInterval(ping);
      clearTimeout(timer);
      window.removeEventListener('message', onMessage);
      resolve(outcome);
    };
    const timer = setTimeout(() => stop('no-answer'), timeoutMs);
    const onMessage = (event: MessageEvent) => {
      if (event.source !== tab || event.data !== 'PONG') return;
      const buffer = trace.bytes.slice().buffer;
      tab.postMessage(
        { perfetto: { buffer, title: trace.title, fileName: trace.fileName } },
        origin,
      );
      stop('posted');
    };
    window.addEventListener('message', onMessage);
  });
}
