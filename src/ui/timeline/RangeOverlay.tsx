// The selected time range drawn over the timeline (a shaded band with its length), positioned
// from the view's window and range; Escape clears the range. Thin React shell: no canvas work.
import { useEffect } from 'react';
import { formatDurationNs } from '../../base/time';
import { useView, useViewStoreApi } from '../store-context';

export function RangeOverlay() {
  const range = useView((s) => s.range);
  const window_ = useView((s) => s.window);
  const api = useViewStoreApi();
  useEffect(() => {
    if (!range) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') api.getState().setRange(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [range, api]);
  if (!range) return null;
  const spanNs = window_.endNs - window_.startNs;
  const left = ((range.startNs - window_.startNs) / spanNs) * 100;
  const right = ((range.endNs - window_.startNs) / spanNs) * 100;
  const clippedLeft = Math.max(0, Math.min(100, left));
  const clippedRight = Math.max(0, Math.min(100, right));
  return (
    <div
      className="timeline-range"
      data-testid="timeline-range"
      style={{ left: `${clippedLeft}%`, width: `${clippedRight - clippedLeft}%` }}
      title="Selected range: statistics, call tree and histogram keep the spans that begin in it. Esc clears it."
    >
      <span className="timeline-range-label">{formatDurationNs(range.endNs - range.startNs)}</span>
    </div>
  );
}
