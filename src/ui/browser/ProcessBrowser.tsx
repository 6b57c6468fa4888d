// The process browser drawer: the processes of the listed source (the page's own weft server, or
// a connected deployment), filter and time range, one click to open. Lists again when opened.
import { useEffect } from 'react';
import { useView } from '../store-context';
import { useBrowser, useBrowserContext, useConnection } from './browser-context';
import { FilterBar } from './FilterBar';
import { ProcessTable } from './ProcessTable';

function StatusLine() {
  const auth = useConnection((s) => s.auth);
  const message = useConnection((s) => s.message);
  const error = useBrowser((s) => s.error);
  const listed = useBrowser((s) => s.listed);
  const count = useBrowser((s) => s.processes.length);
  if (auth === 'unknown' || auth === 'checking') return <p className="muted">Connecting…</p>;
  if (auth === 'unavailable')
    return (
      <p className="muted" data-testid="browser-status">
        This page is not served by <code>weft serve</code>: there is no process list here. Connect
        to a server, or open files.
      </p>
    );
  if (auth !== 'ok')
    return (
      <p className="failure" role="alert" data-testid="browser-status">
        {auth === 'unauthorized'
          ? 'Not logged in: press Connect… to log in or give a token.'
          : message}
      </p>
    );
  if (error)
    return (
      <p className="failure" role="alert" data-testid="browser-status">
        {error}
      </p>
    );
  if (!listed) return <p className="muted">Listing…</p>;
  if (count === 0)
    return (
      <p className="muted" data-testid="browser-status">
        No process matches. A process that starts sending data appears here within 2 s.
      </p>
    );
  return null;
}

export function ProcessBrowser(props: { onClose: () => void; onConnect: () => void }) {
  const { actions } = useBrowserContext();
  const sourceLabel = useBrowser((s) => s.sourceLabel);
  const processes = useBrowser((s) => s.processes);
  const newIds = useBrowser((s) => s.newIds);
  const filter = useBrowser((s) => s.filter);
  const listedAtMs = useBrowser((s) => s.listedAtMs);
  const shownId = useView((s) => s.processId);
  useEffect(() => actions.refresh(), [actions]);
  const open = (processId: string) => {
    void actions.open(processId);
    props.onClose();
  };
  return (
    <section
      className="drawer browser-drawer"
      role="dialog"
      aria-label="Processes"
      data-testid="process-browser"
    >
      <header>
        <h2 className="truncate">
          Processes · <span title={sourceLabel}>{sourceLabel}</span>
        </h2>
        <button type="button" onClick={props.onConnect} data-testid="connect-button">
          Connect…
        </button>
        <button type="button" onClick={props.onClose} aria-label="Close processes">
          Close
        </button>
      </header>
      <FilterBar filter={filter} onChange={(f) => actions.setFilter(f)} />
      <div className="drawer-body">
        <StatusLine />
        {processes.length > 0 && (
          <ProcessTable
            processes={processes}
            newIds={newIds}
            shownId={shownId}
            nowMs={listedAtMs}
            onOpen={open}
          />
        )}
      </div>
    </section>
  );
}
