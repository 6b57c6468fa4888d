// The processes of a source, newest first: exe, computer, user, start time, last block time,
// cpu blocks / all blocks; a "new" mark on those that arrived while the page was open. One click
// opens a process. Trace strings are rendered as text, never as HTML.
import type { BrowserProcess } from '../../store/process-browser';
import { exeName } from '../shell/format';
import { formatAgo, formatUtc } from './format';

interface TableProps {
  processes: BrowserProcess[];
  newIds: string[];
  shownId: string | null;
  /** When the list was read: ages are counted from it. */
  nowMs: number;
  onOpen: (processId: string) => void;
}

interface RowProps {
  p: BrowserProcess;
  isNew: boolean;
  shown: boolean;
  nowMs: number;
  onOpen: () => void;
}

function Row(props: RowProps) {
  const { p } = props;
  return (
    <tr
      className={props.shown ? 'shown' : undefined}
      data-testid="browser-row"
      data-process-id={p.processId}
      onClick={props.onOpen}
    >
      <td className="exe truncate" title={`${p.exe}\n${p.processId}`}>
        {/* The row opens on click; the button makes it reachable by keyboard (the click bubbles). */}
        <button type="button" className="link">
          {exeName(p.exe) || p.processId}
        </button>
        {props.isNew && (
          <span className="badge new" data-testid="new-mark">
            new
          </span>
        )}
        {props.shown && <span className="badge">shown</span>}
        <div className="id">{p.processId}</div>
      </td>
      <td className="truncate" title={p.computer}>
        {p.computer}
      </td>
      <td className="truncate" title={p.username}>
        {p.username}
      </td>
      <td className="time">{formatUtc(p.startTime)}</td>
      <td className="time" title={formatUtc(p.lastBlockTime)}>
        {formatAgo(p.lastBlockTime, props.nowMs) || formatUtc(p.lastBlockTime)}
      </td>
      <td className="num" title="blocks of cpu streams / all blocks">
        {p.cpuBlocks} / {p.totalBlocks}
      </td>
    </tr>
  );
}

export function ProcessTable(props: TableProps) {
  const fresh = new Set(props.newIds);
  return (
    <table className="process-table" data-testid="process-table">
      <thead>
        <tr>
          <th>process</th>
          <th>computer</th>
          <th>user</th>
          <th>started (UTC)</th>
          <th>last block</th>
          <th className="num">cpu blocks</th>
        </tr>
      </thead>
      <tbody>
        {props.processes.map((p) => (
          <Row
            key={p.processId}
            p={p}
            isNew={fresh.has(p.processId)}
            shown={p.processId === props.shownId}
            nowMs={props.nowMs}
            onOpen={() => props.onOpen(p.processId)}
          />
        ))}
      </tbody>
    </table>
  );
}
