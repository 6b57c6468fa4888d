// Load progress: bytes read, blocks merged into the tables, the current file, and a cancel
// button. Reading runs ahead of merging (decode + database insert), so the bar shows both halves.
import type { LoadProgress } from '../../store/backend';
import { formatBytes, progressFraction } from './format';
import { useActions, useApp } from './app-context';

function ProgressText({ progress }: { progress: LoadProgress }) {
  const total = progress.bytesTotal > 0 ? ` / ${formatBytes(progress.bytesTotal)}` : '';
  return (
    <span>
      read {formatBytes(progress.bytesDone)}
      {total} · files {progress.filesDone}/{progress.filesTotal} · blocks merged{' '}
      {progress.blocksDone}/{progress.blocksSeen}
    </span>
  );
}

export function ProgressBar() {
  const progress = useApp((s) => s.progress);
  const phase = useApp((s) => s.phase);
  const actions = useActions();
  if (phase !== 'loading') return <div />;
  const fraction = progressFraction(progress);
  return (
    <div className="progress" role="status" aria-label="Loading progress" data-testid="progress">
      <div
        className="bar"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(fraction * 100)}
      >
        <div style={{ width: `${(fraction * 100).toFixed(1)}%` }} />
      </div>
      {progress ? <ProgressText progress={progress} /> : <span>opening…</span>}
      <span className="file truncate" title={progress?.currentFile}>
        {progress?.currentFile}
      </span>
      <button type="button" onClick={() => actions.cancel()}>
        Cancel
      </button>
    </div>
  );
}
