// The status bar's part of the filters: how many spans the view's filter keeps, and the selected
// time range's length with the rule the analysis panels apply to it. Thin React shell.
import { useMemo } from 'react';
import { formatDurationNs } from '../../base/time';
import { filterMaskOf } from '../../model/analysis';
import { useView } from '../store-context';

function kept(mask: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < mask.length; i++) n += mask[i];
  return n;
}

export function FilterStatus() {
  const spans = useView((s) => s.spans);
  const filter = useView((s) => s.filter);
  const range = useView((s) => s.range);
  const callPath = useView((s) => s.callPath);
  const count = useMemo(() => {
    const mask = spans && filterMaskOf(spans, filter, callPath);
    return mask ? kept(mask) : null;
  }, [spans, filter, callPath]);
  return (
    <>
      {count !== null && spans && (
        <span className="filter-status" title="Spans the filters keep (every panel applies them)">
          filtered <b data-testid="status-filtered">{count.toLocaleString('en-US')}</b> of{' '}
          {spans.length.toLocaleString('en-US')}
        </span>
      )}
      {range && (
        <span
          className="filter-status"
          title="Statistics, call tree and histogram keep the spans that begin in the range (orphan ends: that end in it). Esc clears it."
        >
          range <b data-testid="status-range">{formatDurationNs(range.endNs - range.startNs)}</b>
        </span>
      )}
    </>
  );
}
