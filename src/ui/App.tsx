// The app shell: toolbar, load progress, the panels (or the empty state), the status bar, and
// the overlays (drop zone, errors, keyboard help). Global shortcuts: ?, Esc, O, Q.
import { useEffect, useRef, useState } from 'react';
import { useViewStoreApi, useView } from './store-context';
import { FilterBar } from './filters/FilterBar';
import { DropZone } from './shell/DropZone';
import { EmptyState } from './shell/EmptyState';
import { ErrorsPanel } from './shell/ErrorsPanel';
import { FilePickers, type FilePickerHandle } from './shell/FilePickers';
import { BudgetDialog } from './shell/BudgetDialog';
import { KeyboardHelp } from './shell/KeyboardHelp';
import { ProgressBar } from './shell/ProgressBar';
import { SqlConsole } from './shell/SqlConsole';
import { StatusBar } from './shell/StatusBar';
import { Toolbar } from './shell/Toolbar';
import { Workspace, type PanelSet } from './shell/Workspace';
import { useApp, useAppContext } from './shell/app-context';
import { ArrivalBanner } from './browser/ArrivalBanner';
import { ConnectDialog } from './browser/ConnectDialog';
import { OverviewLayer } from './browser/OverviewPicker';
import { ProcessBrowser } from './browser/ProcessBrowser';
import { useConnectPrompt } from './browser/use-connect-prompt';

type Overlay = 'errors' | 'help' | 'processes' | 'connect' | null;

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
}

interface KeyHandlers {
  overlay: Overlay;
  setOverlay: (o: Overlay) => void;
  toggleSql: () => void;
  openFiles: () => void;
  toggleProcesses: () => void;
  clearSelection: () => void;
  hasBrush: () => boolean;
}

function useGlobalKeys(h: KeyHandlers): void {
  const handlers = useRef(h);
  handlers.current = h;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const k = handlers.current;
      if (e.key === 'Escape') {
        // With a brush active, Escape clears the brush first (the histogram handles it).
        if (k.overlay) k.setOverlay(null);
        else if (!k.hasBrush()) k.clearSelection();
        return;
      }
      if (isEditable(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === '?') k.setOverlay(k.overlay === 'help' ? null : 'help');
      else if (e.key === 'o' || e.key === 'O') k.openFiles();
      else if (e.key === 'q' || e.key === 'Q') k.toggleSql();
      else if (e.key === 'p' || e.key === 'P') k.toggleProcesses();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

export function App({ panels }: { panels: PanelSet }) {
  const [overlay, setOverlay] = useState<Overlay>(null);
  const [sqlOpen, setSqlOpen] = useState(false);
  const hasSpans = useView((s) => s.spans !== null);
  const loading = useApp((s) => s.phase === 'loading');
  const { app } = useAppContext();
  const view = useViewStoreApi();
  const pickers = useRef<FilePickerHandle>(null);
  const openFiles = () => pickers.current?.openFiles();
  const openFolder = () => pickers.current?.openFolder();
  const toggleSql = () => setSqlOpen((open) => !open);
  const toggleProcesses = () => setOverlay(overlay === 'processes' ? null : 'processes');
  useGlobalKeys({
    overlay,
    setOverlay,
    toggleSql,
    openFiles,
    toggleProcesses,
    clearSelection: () => view.getState().select(-1),
    // a brush or a time range is cleared by its own Escape handler first
    hasBrush: () => view.getState().brush !== null || view.getState().range !== null,
  });
  // A 401 from the analytics server (a deployment, or weft serve --api-key): ask how to log in.
  useConnectPrompt(() => setOverlay('connect'));
  // A failed load over data already shown is reported in the errors panel.
  useEffect(
    () =>
      app.subscribe((s, prev) => {
        if (s.failure && !prev.failure && view.getState().spans) setOverlay('errors');
      }),
    [app, view],
  );
  const sql = sqlOpen ? <SqlConsole onClose={() => setSqlOpen(false)} /> : null;
  return (
    <div className="app">
      <Toolbar
        sqlOpen={sqlOpen}
        onOpenFiles={openFiles}
        onOpenFolder={openFolder}
        onToggleSql={toggleSql}
        onShowErrors={() => setOverlay(overlay === 'errors' ? null : 'errors')}
        onShowHelp={() => setOverlay(overlay === 'help' ? null : 'help')}
        processesOpen={overlay === 'processes'}
        onShowProcesses={toggleProcesses}
      />
      <div>
        <ProgressBar />
        <ArrivalBanner />
        {hasSpans && <FilterBar />}
      </div>
      <div className="workspace-slot">
        {/* mounted, hidden, while a load runs: the panels' first render, layout and canvas
            sizing are done while the workers decode, not between the first view and its frame */}
        {(hasSpans || loading) && (
          <Workspace panels={panels} sql={hasSpans ? sql : null} hidden={!hasSpans} />
        )}
        {!hasSpans && (
          <main className="workspace" style={{ gridTemplateRows: sql ? '1fr 40%' : '1fr' }}>
            <EmptyState onOpenFiles={openFiles} onOpenFolder={openFolder} />
            {sql}
          </main>
        )}
      </div>
      <StatusBar onShowErrors={() => setOverlay('errors')} />
      <DropZone />
      <FilePickers ref={pickers} />
      {overlay === 'errors' && <ErrorsPanel onClose={() => setOverlay(null)} />}
      {overlay === 'help' && <KeyboardHelp onClose={() => setOverlay(null)} />}
      {overlay === 'processes' && (
        <ProcessBrowser onClose={() => setOverlay(null)} onConnect={() => setOverlay('connect')} />
      )}
      {overlay === 'connect' && <ConnectDialog onClose={() => setOverlay('processes')} />}
      <OverviewLayer />
      <BudgetDialog />
    </div>
  );
}
