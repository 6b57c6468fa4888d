// The always-visible status bar: the shown process's threads, spans, events and rejected inputs,
// beside the number of processes loaded. Each figure is a plain number in an element tests find
// by data-testid.
import { useShallow } from 'zustand/react/shallow';
import { formatCount } from '../../base/count';
import { shownStatus } from '../../store/shown';
import { useView } from '../store-context';
import { FilterStatus } from '../filters/FilterStatus';
import { useApp } from './app-context';

/** A count, or "…" while a preview's process is still being counted (no 0 beside its spans). */
function Figure(props: {
  id: string;
  label: string;
  value: number;
  title: string;
  counting?: boolean;
}) {
  const title = props.counting ? `${props.title}: counted once the load has merged` : props.title;
  return (
    <span className={props.id} title={title}>
      {props.label} <b data-testid={props.id}>{props.counting ? '…' : formatCount(props.value)}</b>
    </span>
  );
}

export function StatusBar(props: { onShowErrors: () => void }) {
  const processId = useView((s) => s.processId);
  const counts = useApp(useShallow((s) => shownStatus(s, processId)));
  const phase = useApp((s) => s.phase);
  const waiting = useApp((s) => s.waiting);
  const errors = counts.errors;
  const skipped = useApp((s) => s.issues.skipped);
  return (
    <footer className="status-bar" aria-label="Status" data-testid="status-bar">
      <Figure
        id="status-processes"
        counting={counts.counting}
        label="processes"
        value={counts.processes}
        title="Processes loaded (the figures beside it describe the one shown)"
      />
      <Figure
        id="status-threads"
        counting={counts.counting}
        label="threads"
        value={counts.threads}
        title="Streams tagged cpu of the process shown"
      />
      <Figure
        id="status-spans"
        counting={counts.counting}
        label="spans"
        value={counts.spans}
        title="Distinct span ids of the process shown"
      />
      <Figure
        id="status-events"
        counting={counts.counting}
        label="events"
        value={counts.events}
        title="Async begin + end events of the process shown"
      />
      <button
        type="button"
        className={`status-errors link${errors > 0 ? ' has-errors' : ''}`}
        onClick={props.onShowErrors}
        title="Rejected inputs of the loads that brought the process shown: click to list all"
      >
        errors <b data-testid="status-errors">{errors}</b>
      </button>
      {skipped > 0 && <span>skipped files {formatCount(skipped)}</span>}
      <FilterStatus />
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
