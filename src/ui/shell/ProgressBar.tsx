// Load progress: one bar over the load's named phases (reading, decoding, laying out, indexing),
// each weighted by its measured share of a load's time (src/store/load-progress.ts), the phase
// under way, bytes read and blocks merged, what a preview of a long load shows (store/preview.ts),
// the current file, and a cancel button.
import type { LoadProgress } from '../../store/backend';
import { currentPhase, phaseFractions, weightedFraction } from '../../store/load-progress';
import { previewText } from '../../store/preview';
import { formatBytes } from './format';
import { useActions, useApp } from './app-context';

function ProgressText({ progress }: { progress: LoadProgress }) {
  const total = progress.bytesTotal > 0 ? ` / ${formatBytes(progress.bytesTotal)}` : '';
  return (
    <span>
      read {formatBytes(progress.bytesRead)}
      {total} · files {progress.filesDone}/{progress.filesTotal} · blocks merged{' '}
      {progress.blocksDone}/{progress.blocksSeen}
    </span>
  );
}

export function ProgressBar() {
  const progress = useApp((s) => s.progress);
  const steps = useApp((s) => s.loadSteps);
  const phase = useApp((s) => s.phase);
  const preview = useApp((s) => s.preview);
  const actions = useActions();
  if (phase !== 'loading') return <div />;
  const fractions = phaseFractions(progress, steps);
  const fraction = weightedFraction(fractions);
  const named = currentPhase(fractions);
  return (
    <div className="progress" role="status" aria-label="Loading progress" data-testid="progress">
      <div
        className="bar"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(fraction * 100)}
        aria-valuetext={named ?? 'done'}
      >
        <div style={{ width: `${(fraction * 100).toFixed(1)}%` }} />
      </div>
      <span data-testid="progress-phase">{progress ? `${named ?? 'done'}…` : 'opening…'}</span>
      {progress && <ProgressText progress={progress} />}
      {preview && (
        <span className="preview" data-testid="progress-preview" title={previewText(preview)}>
          {previewText(preview)}
        </span>
      )}
      <span className="file truncate" title={progress?.currentFile}>
        {progress?.currentFile}
      </span>
      <button type="button" onClick={() => actions.cancel()}>
        Cancel
      </button>
    </div>
  );
}
