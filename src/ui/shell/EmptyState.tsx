// What the user sees before anything is loaded, or when a load failed: what to do next.
import { formatCount } from '../../base/count';
import { useApp } from './app-context';

export function EmptyState(props: { onOpenFiles: () => void; onOpenFolder: () => void }) {
  const failure = useApp((s) => s.failure);
  const phase = useApp((s) => s.phase);
  const skipped = useApp((s) => s.issues.errors + s.issues.skipped);
  if (phase === 'loading')
    return (
      <div className="empty-state" data-testid="empty-state">
        <h1>Loading…</h1>
        <p>The panels open once every file is read and merged; Cancel keeps what is merged.</p>
      </div>
    );
  return (
    <div className="empty-state" data-testid="empty-state">
      <h1>Open a micromegas capture</h1>
      {failure && (
        <p className="failure" role="alert" data-testid="failure">
          {failure}
        </p>
      )}
      {!failure && skipped > 0 && (
        <p className="failure">
          None of the {formatCount(skipped)} files read holds micromegas data.
        </p>
      )}
      <p>
        Drop a capture folder (<code>process.cbor</code>, <code>streams/</code>,{' '}
        <code>blocks/</code>) or any of its files anywhere on this page, or{' '}
        <button type="button" onClick={props.onOpenFiles}>
          choose files
        </button>{' '}
        /{' '}
        <button type="button" onClick={props.onOpenFolder}>
          a folder
        </button>
        .
      </p>
      <p>
        To watch a process live, start <code>npm start</code> and run your instrumented process with{' '}
        <code>MICROMEGAS_TELEMETRY_URL=http://127.0.0.1:9000</code>.
      </p>
      <p>
        To open a capture served elsewhere, add <code>?process=&lt;url-or-process-id&gt;</code> to
        this page’s address; the sample is at <a href="?process=/sample/">?process=/sample/</a>.
      </p>
    </div>
  );
}
