// What the user sees before anything is loaded, or when a load failed: what to do next. When the
// files read are blocks whose stream or process files are missing, it says so and names the
// files that would complete them.
import { formatCount } from '../../base/count';
import { currentPhase, phaseFractions } from '../../store/load-progress';
import { useApp } from './app-context';
import { completingFiles } from './format';

/** Blocks were read but nothing can be shown: what is missing, and which files complete it. */
function Incomplete(props: { waiting: string[] }) {
  const files = completingFiles(props.waiting);
  return (
    <div className="incomplete" data-testid="incomplete-capture">
      <p className="failure">
        Nothing to show yet: the files read are blocks, and a block can only be decoded with its
        stream file (its metadata) and timed with its process file.
      </p>
      <ul>
        {props.waiting.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {files.length > 0 && (
        <p>
          Add these files of the same capture folder (or drop the whole folder):{' '}
          {files.map((file, i) => (
            <span key={file}>
              {i > 0 && ', '}
              <code>{file}</code>
            </span>
          ))}
          .
        </p>
      )}
    </div>
  );
}

/** While a load runs and nothing is shown yet: what the panels wait for, phase by phase. */
function Loading() {
  const progress = useApp((s) => s.progress);
  const steps = useApp((s) => s.loadSteps);
  const layingOut = currentPhase(phaseFractions(progress, steps)) === 'laying out';
  return (
    <div className="empty-state" data-testid="empty-state">
      <h1>Loading…</h1>
      <p>
        {layingOut
          ? 'Every file is read and merged; the span table and its lanes are being built in a background worker, and the panels open as soon as they are.'
          : 'The panels open once every file is read and merged (a long load shows a preview of what is merged first); Cancel keeps what is merged.'}
      </p>
    </div>
  );
}

export function EmptyState(props: { onOpenFiles: () => void; onOpenFolder: () => void }) {
  const failure = useApp((s) => s.failure);
  const phase = useApp((s) => s.phase);
  const skipped = useApp((s) => s.issues.errors + s.issues.skipped);
  const waiting = useApp((s) => s.waiting);
  if (phase === 'loading') return <Loading />;
  return (
    <div className="empty-state" data-testid="empty-state">
      <h1>
        {!failure && waiting.length > 0
          ? 'This capture is incomplete'
          : 'Open a micromegas capture'}
      </h1>
      {failure && (
        <p className="failure" role="alert" data-testid="failure">
          {failure}
        </p>
      )}
      {!failure && waiting.length > 0 && <Incomplete waiting={waiting} />}
      {!failure && waiting.length === 0 && skipped > 0 && (
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
