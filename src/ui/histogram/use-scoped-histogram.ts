// The histogram under the view's filters, range and call path: when any is active, the SQL
// answer (all spans of the name) is replaced by the same histogram computed over the spans the
// selection keeps (src/model/histogram-of-spans.ts, equal to the SQL for the same spans).
// React hook; the algorithm lives in src/model.
import { useMemo } from 'react';
import { filterMaskOf } from '../../model/analysis';
import type { DurationHistogram } from '../../model/histogram';
import { histogramOfSpans } from '../../model/histogram-of-spans';
import { inRange, isFilterEmpty } from '../../model/span-filter';
import { histogramNameIndex } from '../../store/view-state';
import { useView } from '../store-context';

export interface ScopedHistogram {
  data: DurationHistogram | null;
  /** What restricts it, in words ('' for nothing). */
  scope: string;
}

export function useScopedHistogram(data: DurationHistogram | null): ScopedHistogram {
  const spans = useView((s) => s.spans);
  const filter = useView((s) => s.filter);
  const range = useView((s) => s.range);
  const callPath = useView((s) => s.callPath);
  const name = useView((s) => s.histogramName);
  return useMemo(() => {
    const parts = [
      isFilterEmpty(filter) ? '' : 'filtered',
      callPath ? 'call path' : '',
      range ? 'spans that begin in the range' : '',
    ].filter(Boolean);
    if (!spans || parts.length === 0) return { data, scope: '' };
    const base = filterMaskOf(spans, filter, callPath);
    const mask = new Uint8Array(spans.length);
    for (let i = 0; i < spans.length; i++)
      mask[i] = (!base || base[i]) && (!range || inRange(spans, i, range)) ? 1 : 0;
    const nameIndex = histogramNameIndex(spans, name);
    return { data: histogramOfSpans(spans, mask, nameIndex), scope: parts.join(', ') };
  }, [data, spans, filter, range, callPath, name]);
}
