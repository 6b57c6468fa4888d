import { describe, expect, it } from 'vitest';
import { SPAN_OPEN, type SpanTable } from '../model/span-table';
import { makeSpanTable } from '../model/testing';
import { AppController } from './app-actions';
import { createAppStore } from './app-state';
import {
  PREVIEW_FIRST_MS,
  PREVIEW_MAX_FRACTION,
  PREVIEW_SPACING,
  previewDue,
  previewText,
  previewWindow,
} from './preview';
import { fakeFetch, FakeBackend } from './testing';
import { createViewStore, fullWindow } from './view-state';

const file = (path: string) => ({ kind: 'file' as const, file: new File([], path), path });
const files = (n: number) => Array.from({ length: n }, (_, i) => file(`${i}.cbor`));

/** A load whose every merged input takes `stepMs` on a fake clock (`tick`), previews reported. */
function setup(stepMs: number) {
  const app = createAppStore();
  const view = createViewStore();
  const backend = new FakeBackend();
  let nowMs = 0;
  const env = { fetch: fakeFetch({}), pageUrl: () => 'http://localhost/', now: () => nowMs };
  const actions = new AppController(app, view, backend, env);
  const tick = () => (nowMs += stepMs);
  backend.reportMerges = true;
  backend.onInput = tick;
  return { app, view, backend, actions, tick };
}

/** The first `n` spans of `full`'s specs (ids 1…n), as a preview of them. */
function previewOf(n: number): SpanTable {
  const specs = Array.from({ length: n }, (_, i) => ({
    spanId: i + 1,
    parentSpanId: 0,
    beginNs: i * 100,
    endNs: i * 100 + 50,
  }));
  return makeSpanTable(specs);
}

describe('previewDue', () => {
  it('takes the first preview once PREVIEW_FIRST_MS passed, then spaces them geometrically', () => {
    expect(previewDue(PREVIEW_FIRST_MS - 1, 0.1, null)).toBe(false);
    expect(previewDue(PREVIEW_FIRST_MS, 0.1, null)).toBe(true);
    const cheap = { atMs: 400, costMs: 10 };
    expect(previewDue(400 * PREVIEW_SPACING - 1, 0.1, cheap)).toBe(false);
    expect(previewDue(400 * PREVIEW_SPACING, 0.1, cheap)).toBe(true);
  });

  it('spaces them by their cost too: previews stay a bounded share of a slow load', () => {
    const dear = { atMs: 400, costMs: 900 };
    const after = 400 + 900 * PREVIEW_SPACING;
    expect(after).toBeGreaterThan(400 * PREVIEW_SPACING);
    expect(previewDue(after - 1, 0.1, dear)).toBe(false);
    expect(previewDue(after, 0.1, dear)).toBe(true);
    // none while the last is still building
    expect(previewDue(1e9, 0.1, { atMs: 400, costMs: null })).toBe(false);
  });

  it('takes none once most of the load is merged (its full view is near)', () => {
    expect(previewDue(10_000, PREVIEW_MAX_FRACTION, null)).toBe(false);
    expect(previewDue(10_000, PREVIEW_MAX_FRACTION, { atMs: 400, costMs: 1 })).toBe(false);
  });

  it('says how much a preview holds and that its spans may end later', () => {
    expect(previewText({ fraction: 0.0069, spans: 9 })).toMatch(
      /^preview of the first 0\.6% merged/,
    );
    expect(previewText({ fraction: 0.0999, spans: 9 })).toMatch(
      /^preview of the first 9\.9% merged/,
    );
    expect(previewText({ fraction: 0.234, spans: 12345 })).toBe(
      'preview of the first 23% merged (12,345 spans begun): their ends and more spans may be in blocks still loading',
    );
  });
});

describe('a long load', () => {
  it('shows a preview while it merges; the full view replaces it, keeping zoom and selection', async () => {
    const { app, view, backend, actions, tick } = setup(200);
    const full = backend.addProcess('p', 10);
    const preview = previewOf(4);
    backend.previewTables.set('p', preview);
    const seen: unknown[] = [];
    backend.onInput = () => {
      // the user zooms and selects once the preview is drawn
      if (view.getState().spans === preview && seen.length === 0) {
        seen.push({ ...app.getState().preview, laidOut: app.getState().loadSteps.laidOut });
        view.getState().setWindow({ startNs: 10, endNs: 200 });
        view.getState().select(2); // span id 3
      }
      tick();
    };
    await actions.openFiles(files(10));
    // elapsed 200 ms after input 0, 400 ms after input 1 (≥ PREVIEW_FIRST_MS): one preview, of
    // 2 of 10 files; the next would be due at 3200 ms, after the last file: not taken
    expect(backend.previewCalls).toEqual(['p']);
    expect(seen).toEqual([{ fraction: 0.2, spans: 4, laidOut: false }]);
    expect(view.getState().spans).toBe(full);
    expect(view.getState().window).toEqual({ startNs: 10, endNs: 200 });
    expect(full.spanId[view.getState().selected]).toBe(3n);
    expect(app.getState()).toMatchObject({ phase: 'idle', preview: null });
  });

  it('opens the preview where its spans begin, then the full view on the whole capture', async () => {
    const { view, backend, actions, tick } = setup(200);
    const full = backend.addProcess('p', 10);
    // a preview whose last span is open: its capture reaches past where its spans begin
    const preview = makeSpanTable([
      { spanId: 1, parentSpanId: 0, beginNs: 0, endNs: 50 },
      { spanId: 2, parentSpanId: 0, beginNs: 100, endNs: 900, state: SPAN_OPEN },
    ]);
    backend.previewTables.set('p', preview);
    const windows: unknown[] = [];
    backend.onInput = () => {
      if (view.getState().spans === preview && windows.length === 0)
        windows.push(view.getState().window);
      tick();
    };
    await actions.openFiles(files(10));
    expect(preview.captureEndNs).toBeGreaterThan(100);
    expect(windows).toEqual([previewWindow(preview)]);
    expect(previewWindow(preview)).toEqual({ startNs: -1, endNs: 101 });
    expect(view.getState().window).toEqual(fullWindow(full));
  });

  it('takes no preview when the load is short', async () => {
    const { view, backend, actions } = setup(10);
    const full = backend.addProcess('p', 10);
    backend.previewTables.set('p', previewOf(4));
    await actions.openFiles(files(10));
    expect(backend.previewCalls).toEqual([]);
    expect(view.getState().spans).toBe(full);
  });

  it('cancels a preview still building when the full view starts, and drops it', async () => {
    const { app, view, backend, actions } = setup(200);
    const full = backend.addProcess('p', 10);
    let finish: (table: SpanTable) => void = () => {};
    backend.previewTable = (processId, signal) => {
      backend.previewCalls.push(processId);
      backend.previewSignal = signal;
      return new Promise((resolve) => (finish = resolve));
    };
    await actions.openFiles(files(10));
    expect(backend.previewSignal?.aborted).toBe(true); // its worker ended for the full view
    finish(previewOf(4));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(backend.previewCalls).toEqual(['p']);
    expect(view.getState().spans).toBe(full);
    expect(app.getState().preview).toBeNull();
  });
});
