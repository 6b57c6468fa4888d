// The signals tests and benchmarks read: `document.body.dataset.weftState` ('loading' | 'idle' |
// 'error') and `window.__weft`, an object other panels add fields to (the timeline adds
// timelineFrames / lastFrameMs / lastFrameAtMs): always merge into it, never replace it.
import type { StoreApi } from 'zustand/vanilla';
import { weftState, type AppStore } from '../../store/app-state';
import type { ViewStore } from '../../store/view-state';

export interface WeftDebug {
  state?: 'loading' | 'idle' | 'error';
  counts?: Record<string, number>;
  /** performance.now() when the last load started and when its span table was shown. */
  loadStartMs?: number;
  loadEndMs?: number;
  [key: string]: unknown;
}

declare global {
  interface Window {
    __weft?: WeftDebug;
  }
}

export function weftDebug(): WeftDebug {
  window.__weft ??= {};
  return window.__weft;
}

/** 'idle' is announced two frames later, once panels have rendered and drawn. */
function announce(state: 'loading' | 'idle' | 'error', current: () => string): void {
  if (state === 'loading') {
    document.body.dataset.weftState = state;
    return;
  }
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      if (current() === state) document.body.dataset.weftState = state;
    }),
  );
}

function publish(app: AppStore, view: StoreApi<ViewStore>): void {
  const { phase, counts, issues } = app.getState();
  const state = weftState(phase);
  announce(state, () => weftState(app.getState().phase));
  const debug = weftDebug();
  if (debug.state !== 'loading' && state === 'loading') debug.loadStartMs = performance.now();
  if (debug.state === 'loading' && state !== 'loading') debug.loadEndMs = performance.now();
  debug.state = state;
  debug.counts = { ...counts, errors: issues.errors };
  debug.processId = view.getState().processId;
}

/**
 * Keeps the idle signal and window.__weft in step with the stores; returns an unsubscribe.
 * The stores themselves are exposed too (`__weft.viewStore`, `__weft.appStore`) for debugging
 * from the console and for tests that drive the view directly.
 */
export function bindWeftSignal(app: AppStore, view: StoreApi<ViewStore>): () => void {
  Object.assign(weftDebug(), { appStore: app, viewStore: view });
  publish(app, view);
  const stopApp = app.subscribe(() => publish(app, view));
  const stopView = view.subscribe((s, prev) => {
    if (s.processId !== prev.processId) publish(app, view);
    if (s.selected !== prev.selected || s.spans !== prev.spans) {
      const id = s.spans && s.selected >= 0 ? s.spans.spanId[s.selected].toString() : null;
      weftDebug().selectedSpanId = id;
    }
  });
  return () => {
    stopApp();
    stopView();
  };
}
