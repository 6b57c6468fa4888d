// A line under the toolbar about live data: on a server no process has sent to yet, how to send
// (the sample is shown meanwhile, never pinned in the URL); when a process starts sending while
// another is shown, an offer to open it.
import { useApp } from '../shell/app-context';
import { exeName } from '../shell/format';
import { useView } from '../store-context';
import { useBrowser, useBrowserContext } from './browser-context';

function Waiting() {
  const shown = useView((s) => s.spans !== null);
  return (
    <div className="arrival-banner waiting" role="status" data-testid="waiting-banner">
      <span className="live-indicator waiting">◌</span> Waiting for a process to send data… point{' '}
      <code>MICROMEGAS_TELEMETRY_URL</code> at <code>{window.location.origin}</code>; the first
      process to send opens here.{shown && ' Meanwhile, this is the sample capture.'}
    </div>
  );
}

function Offer() {
  const { actions } = useBrowserContext();
  const newIds = useBrowser((s) => s.newIds);
  const processes = useBrowser((s) => s.processes);
  const shownId = useView((s) => s.processId);
  const id = newIds.find((i) => i !== shownId);
  const p = processes.find((q) => q.processId === id);
  if (!p) return null;
  return (
    <div className="arrival-banner" role="status" data-testid="arrival-offer">
      <span className="badge new">new</span> <b>{exeName(p.exe) || p.processId}</b>
      {p.computer && ` on ${p.computer}`} started sending data.{' '}
      <button type="button" onClick={() => void actions.open(p.processId)}>
        Open it
      </button>{' '}
      <button type="button" className="link" onClick={() => actions.dismiss(p.processId)}>
        dismiss
      </button>
      {newIds.length > 1 && ` (+${newIds.length - 1} more in Processes…)`}
    </div>
  );
}

export function ArrivalBanner() {
  const live = useApp((s) => s.live);
  return live === 'waiting' ? <Waiting /> : <Offer />;
}
