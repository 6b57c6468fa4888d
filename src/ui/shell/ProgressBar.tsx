// Load progress: bytes and blocks read, the current file, and a cancel button.
import { formatBytes } from './format';
import { useActions, useApp } from './app-context';

export function ProgressBar() {
  const progress = useApp((s) => s.progress);
  const phase = useApp((s) => s.phase);
  const actions = useActions();
  if (phase !== 'loading') return <div />;
  const fraction =
    progress && progress.bytesTotal > 0
      ? progress.bytesDone / progress.bytesTotal
      : progress && progress.filesTotal > 0
        ? progress.filesDone / progress.filesTotal
        : 0;
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
      {progress ? (
        <span>
          {formatBytes(progress.bytesDone)}
          {progress.bytesTotal > 0 && ` / ${formatBytes(progress.bytesTotal)}`} · files{' '}
          {progress.filesDone}/{progress.filesTotal} · blocks {progress.blocksDone}
        </span>
      ) : (
        <span>opening…</span>
      )}
      <span className="file truncate" title={progress?.currentFile}>
        {progress?.currentFile}
      </span>
      <button type="button" onClick={actions.cancel}>
        Cancel
      </button>
    </div>
  );
}
