// The top bar: what is open, the process picker, open buttons, SQL console, errors and help.
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { countOf, formatCount } from '../../base/count';
import { shownStatus } from '../../store/shown';
import { BrowserButton, LiveIndicator } from '../browser/LiveIndicator';
import { useView } from '../store-context';
import { useActions, useApp } from './app-context';
import { CopyLink } from './CopyLink';
import { ExportMenu } from './ExportMenu';
import { exeName, shortId } from './format';

function ProcessPicker() {
  const processes = useApp((s) => s.processes);
  const processId = useView((s) => s.processId);
  const actions = useActions();
  if (processes.length < 2) return null;
  return (
    <label>
      <span className="sr-only">Process</span>
      <select
        data-testid="process-picker"
        value={processId ?? ''}
        onChange={(e) => void actions.selectProcess(e.currentTarget.value)}
        title={processId ?? ''}
      >
        {processes.map((p) => (
          <option key={p.processId} value={p.processId} title={`${p.exe} ${p.processId}`}>
            {exeName(p.exe)} {shortId(p.processId)} · {countOf(p.spans, 'span')}
          </option>
        ))}
      </select>
    </label>
  );
}

interface ToolbarProps {
  sqlOpen: boolean;
  onOpenFiles: () => void;
  onOpenFolder: () => void;
  onToggleSql: () => void;
  onShowErrors: () => void;
  onShowHelp: () => void;
  processesOpen: boolean;
  onShowProcesses: () => void;
}

/** The tab's title names the shown process ("telemetry-demo 3ed3d348… — weft"). */
export function documentTitle(process: { exe: string; processId: string } | null): string {
  return process ? `${exeName(process.exe)} ${shortId(process.processId)} — weft` : 'weft';
}

export function Toolbar(props: ToolbarProps) {
  const processId = useView((s) => s.processId);
  const { process, label } = useApp(useShallow((s) => shownStatus(s, processId)));
  const errors = useApp((s) => s.issues.errors);
  const title = process ? `${process.exe} · ${process.processId}` : (label ?? '');
  const tabTitle = documentTitle(process);
  useEffect(() => {
    document.title = tabTitle;
  }, [tabTitle]);
  return (
    <header className="toolbar">
      <span className="brand">weft</span>
      <span className="source truncate" title={title} data-testid="source-label">
        {process ? `${exeName(process.exe)} · ${shortId(process.processId)}` : label}
        {label && process && label !== process.processId && ` · ${label}`}
      </span>
      <LiveIndicator />
      <ProcessPicker />
      <BrowserButton open={props.processesOpen} onClick={props.onShowProcesses} />
      <button type="button" onClick={props.onOpenFiles} title="Open files (O)">
        Open files…
      </button>
      <button type="button" onClick={props.onOpenFolder}>
        Open folder…
      </button>
      <ExportMenu />
      <CopyLink />
      <button type="button" aria-pressed={props.sqlOpen} onClick={props.onToggleSql} title="Q">
        SQL
      </button>
      <button
        type="button"
        className={`errors-button${errors > 0 ? ' has-errors' : ''}`}
        onClick={props.onShowErrors}
        data-testid="errors-button"
      >
        Errors ({formatCount(errors)})
      </button>
      <button type="button" onClick={props.onShowHelp} aria-label="Keyboard shortcuts" title="?">
        ?
      </button>
    </header>
  );
}
