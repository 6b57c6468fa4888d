// The always-visible status bar: processes, threads, spans, events, rejected inputs. Each figure
// is a plain number in an element tests find by data-testid.
import { formatCount } from '../../base/count';
import { useApp } from './app-context';

function Figure(props: { id: string; label: string; value: number; title: string }) {
  return (
    <span className={props.id} title={props.title}>
      {props.label} <b data-testid={props.id}>{formatCount(props.value)}</b>
    </span>
  );
}

export function StatusBar(props: { onShowErrors: () => void }) {
  const counts = useApp((s) => s.counts);
  const phase = useApp((s) => s.phase);
  const waiting = useApp((s) => s.waiting);
  const errors = useApp((s) => s.issues.errors);
  const skipped = useApp((s) => s.issues.skipped);
  return (
    <footer className="status-bar" aria-label="Status" data-testid="status-bar">
      <Figure
        id="status-processes"
        label="processes"
        value={counts.processes}
        title="Processes loaded"
      />
      <Figure
        id="status-threads"
        label="threads"
        value={counts.threads}
        title="Streams tagged cpu"
      />
      <Figure
        id="status-spans"
        label="spans"
        value={counts.spans}
        title="Distinct process + span ids"
      />
      <Figure
        id="status-events"
        label="events"
        value={counts.events}
        title="Async begin + end events"
      />
      <button
        type="button"
        className={`status-errors link${errors > 0 ? ' has-errors' : ''}`}
        onClick={props.onShowErrors}
        title="Rejected inputs: click to list them"
      >
        errors <b data-testid="status-errors">{errors}</b>
      </button>
      {skipped > 0 && <span>skipped files {formatCount(skipped)}</span>}
      {waiting.length > 0 && (
        <span className="truncate" title={waiting.join('\n')}>
          waiting: {waiting[0]}
          {waiting.length > 1 && ` (+${waiting.length - 1})`}
        </span>
      )}
      <span className="spacer" />
      <span>{phase === 'loading' ? 'loading…' : 'press ? for shortcuts'}</span>
    </footer>
  );
}
