// Toolbar items of the live view: whether the view follows live data, and the button that opens
// the process browser, with the count of processes that arrived while the page was open.
import { useApp } from '../shell/app-context';
import { useBrowser } from './browser-context';

const LIVE_TEXT = {
  following: ['● live', 'New blocks of this process appear as the server receives them'],
  waiting: ['◌ waiting', 'No process has sent data yet: the first one to send opens here'],
  off: ['○ not live', 'This view does not change: it shows files or a stored capture'],
} as const;

export function LiveIndicator() {
  const live = useApp((s) => s.live);
  const [text, title] = LIVE_TEXT[live];
  return (
    <span className={`live-indicator ${live}`} title={title} data-testid="live-indicator">
      {text}
    </span>
  );
}

export function BrowserButton(props: { onClick: () => void; open: boolean }) {
  const fresh = useBrowser((s) => s.newIds.length);
  const status = useBrowser((s) => s.status);
  return (
    <button
      type="button"
      aria-pressed={props.open}
      onClick={props.onClick}
      title={status === 'unavailable' ? 'No process list on this page’s server' : 'Processes (P)'}
      data-testid="browser-button"
    >
      Processes…
      {fresh > 0 && <span className="badge new">{fresh} new</span>}
    </button>
  );
}
