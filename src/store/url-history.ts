// Keeps the page URL (url-state.ts' parameters) in step with the view. Debounced; a view change
// (window, selection, filters, range, search, histogram) becomes a new history entry, so Back and
// Forward step through views (a popped entry is applied back to the view); a load only replaces
// the current entry. No React.
import type { StoreApi } from 'zustand/vanilla';
import type { AppStore } from './app-state';
import { currentUrlView, formatUrlView, parseUrlView, restoreUrlView } from './url-state';
import type { ViewStore } from './view-state';

/** The page's URL and history (window.location and window.history in the app). */
export interface UrlPage {
  href(): string;
  replace(href: string): void;
  /** Adds a history entry; without it, every write replaces. */
  push?(href: string): void;
  /** Calls `onPop` after Back / Forward; returns an unsubscribe function. */
  listen?(onPop: () => void): () => void;
}

const VIEW_KEYS = [
  'window',
  'selected',
  'filter',
  'range',
  'search',
  'histogramName',
  'brush',
  'histogramFollow',
  'callPath',
  'compactRows',
  'groupsCollapsed',
  'groupsFlipped',
] as const;

/** Debounced URL writes: a push when the view changed, a replace after a load. */
class UrlWriter {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private viewChanged = false;
  /** New spans in the same quiet period: a load, whose restored view is no step of its own. */
  private loaded = false;

  constructor(
    private readonly next: () => string,
    private readonly page: UrlPage,
    private readonly delayMs: number,
  ) {}

  /** While held (a drag under way), changes are remembered and written once released. */
  private held = false;
  private pending = false;

  schedule(kind: 'view' | 'load' | 'source'): void {
    if (kind === 'view') this.viewChanged = true;
    if (kind === 'load') this.loaded = true;
    this.cancel();
    this.pending = this.held;
    if (!this.held) this.timer = setTimeout(() => this.write(), this.delayMs);
  }

  hold(on: boolean): void {
    this.held = on;
    if (on && this.timer !== undefined) this.pending = true;
    if (on) this.cancel();
    else if (this.pending) this.schedule('source');
  }

  cancel(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Forgets what changed (after applying a popped entry, the URL already says it). */
  settle(): void {
    this.viewChanged = this.loaded = false;
  }

  private write(): void {
    this.timer = undefined;
    const next = this.next();
    const push = this.viewChanged && !this.loaded && this.page.push;
    this.settle();
    if (next === this.page.href()) return;
    if (push) this.page.push!(next);
    else this.page.replace(next);
  }
}

/**
 * Keeps the page URL in step with the view, `delayMs` after the last change (a wheel zoom is one
 * entry, not one per frame; a drag, marked by the view's `gesture`, is one entry written when it
 * ends), and applies popped entries; returns an unsubscribe function.
 */
export function bindUrlView(
  app: AppStore,
  view: StoreApi<ViewStore>,
  page: UrlPage,
  delayMs = 250,
): () => void {
  const writer = new UrlWriter(
    () => formatUrlView(page.href(), currentUrlView(app, view)),
    page,
    delayMs,
  );
  const unsubscribeView = view.subscribe((s, prev) => {
    if (s.gesture !== prev.gesture) writer.hold(s.gesture);
    if (s.spans !== prev.spans) writer.schedule('load');
    else if (VIEW_KEYS.some((key) => s[key] !== prev[key])) writer.schedule('view');
  });
  const unsubscribeApp = app.subscribe((s, prev) => {
    if (s.processParam !== prev.processParam || s.processRange !== prev.processRange)
      writer.schedule('source');
  });
  const unlisten = page.listen?.(() => {
    writer.cancel();
    restoreUrlView(view, parseUrlView(new URL(page.href()).search));
    writer.settle();
  });
  return () => {
    writer.cancel();
    unsubscribeView();
    unsubscribeApp();
    unlisten?.();
  };
}
