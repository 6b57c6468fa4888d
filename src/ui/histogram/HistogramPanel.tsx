// The duration histogram panel: log-scale bins of the complete spans of one name (or all), with
// p50/p90/p99/max and the span count; brushing a duration range sets the view store's brush
// (the timeline highlights, the tree filters); click outside the brush or Escape clears it.
// The shown name follows the selected span unless "follow selection" is off (picking a name in
// the list turns it off) or a brush is active (so that clicking a filtered span keeps the brush).
//
// Wiring (app shell): render inside both providers —
//   <ViewStoreContext.Provider value={view}>
//     <HistogramStoreContext.Provider value={createHistogramStore(dbHistogramSource(db))}>
//       <HistogramPanel />
// (src/ui/histogram/histogram-context.ts, src/store/histogram-slice.ts; create the store once).
import { useEffect, useMemo, useState } from 'react';
import { countOf } from '../../base/count';
import { formatDurationNs } from '../../base/time';
import {
  countInRange,
  withPercentiles,
  type DurationHistogram,
  type PercentileKind,
} from '../../model/histogram';
import { sameRequest } from '../../store/histogram-slice';
import { histogramNameIndex } from '../../store/view-state';
import { useApp } from '../shell/app-context';
import { useView, useViewStoreApi } from '../store-context';
import { HistogramChart } from './HistogramChart';
import { useHistogram, useHistogramStoreApi } from './histogram-context';
import type { YScaleKind } from './histogram-scene';
import { useScopedHistogram } from './use-scoped-histogram';
import './histogram.css';

const count = (n: number) => n.toLocaleString('en-US');

/**
 * Keeps the histogram's query in step with the view: process, name, and newer span tables. The
 * name follows the selected span through the view store's `select` (view-state.ts), so a view
 * restored from a link keeps the name it names.
 */
function useHistogramLoading(): void {
  const store = useHistogramStoreApi();
  const spans = useView((s) => s.spans);
  const processId = useView((s) => s.processId);
  const name = useView((s) => s.histogramName);
  useEffect(() => {
    const nameIndex = histogramNameIndex(spans, name);
    const request = spans && processId ? { processId, nameIndex, name } : null;
    void store.getState().load(request);
  }, [store, spans, processId, name]);
}

const PERCENTILE_TITLE: Record<PercentileKind, string> = {
  interpolated:
    'Percentiles interpolated between the two closest spans (DuckDB quantile_cont): may be a ' +
    'duration no span has. Click for discrete percentiles.',
  discrete:
    'Discrete percentiles: the duration of the span at that rank (DuckDB quantile_disc). ' +
    'Click for interpolated percentiles.',
};

/** Says how p50/p90/p99 are computed, and switches between the two. */
function PercentileToggle(props: { kind: PercentileKind; onKind(kind: PercentileKind): void }) {
  const next = props.kind === 'interpolated' ? 'discrete' : 'interpolated';
  return (
    <button
      className="percentile-kind"
      data-testid="histogram-percentile-kind"
      title={PERCENTILE_TITLE[props.kind]}
      onClick={() => props.onKind(next)}
    >
      {props.kind}
    </button>
  );
}

function Stats(props: {
  data: DurationHistogram;
  kind: PercentileKind;
  onKind(kind: PercentileKind): void;
}) {
  const { data } = props;
  const brush = useView((s) => s.brush);
  const view = useViewStoreApi();
  const excluded = data.excludedCount
    ? ` (${count(data.excludedCount)} open or orphan not counted)`
    : '';
  const stats: [string, number][] = [
    ['p50', data.p50Ns],
    ['p90', data.p90Ns],
    ['p99', data.p99Ns],
    ['max', data.maxNs],
  ];
  return (
    <div className="histogram-stats">
      <span data-testid="histogram-count">
        {countOf(data.count, 'complete span')}
        {excluded}
      </span>
      {data.count > 0 && (
        <span className="quantiles">
          <PercentileToggle kind={props.kind} onKind={props.onKind} />
          {stats.map(([label, ns]) => (
            <span key={label} className={`q ${label}`} data-testid={`histogram-${label}`}>
              {label} <b>{formatDurationNs(ns)}</b>
            </span>
          ))}
        </span>
      )}
      {brush && (
        <span className="brushed" data-testid="histogram-brushed">
          {formatDurationNs(brush.minNs)} – {formatDurationNs(brush.maxNs)}:{' '}
          {count(countInRange(data, brush))} spans{' '}
          <button onClick={() => view.getState().setBrush(null)}>Clear</button>
        </span>
      )}
    </div>
  );
}

/** Option values: "all", or a name prefixed so that no name can read as "all". */
const ALL = 'all';
const NAMED = 'name:';

function NamePicker() {
  const names = useView((s) => s.spans?.names);
  const shown = useView((s) => s.histogramName);
  const follow = useView((s) => s.histogramFollow);
  const view = useViewStoreApi();
  const sorted = useMemo(() => [...new Set(names ?? [])].sort(), [names]);
  // A name carried over from another process that this one lacks stays shown, and says so.
  const missing = shown !== null && !(names ?? []).includes(shown);
  return (
    <>
      <select
        className="histogram-name"
        aria-label="Span name"
        value={shown === null ? ALL : NAMED + shown}
        onChange={(e) => {
          view.getState().setHistogramFollow(false);
          const value = e.target.value;
          view.getState().setHistogramName(value === ALL ? null : value.slice(NAMED.length));
        }}
      >
        <option value={ALL}>All spans</option>
        {missing && <option value={NAMED + shown}>{shown} (none in this process)</option>}
        {sorted.map((name) => (
          <option key={name} value={NAMED + name}>
            {name}
          </option>
        ))}
      </select>
      <label className="follow" title="Show the name of the span selected in the tree or timeline">
        <input
          type="checkbox"
          checked={follow}
          onChange={(e) => view.getState().setHistogramFollow(e.target.checked)}
        />
        follow selection
      </label>
    </>
  );
}

export function HistogramPanel() {
  const [yScale, setYScale] = useState<YScaleKind>('sqrt');
  const [kind, setKind] = useState<PercentileKind>('interpolated');
  useHistogramLoading();
  const view = useViewStoreApi();
  const brush = useView((s) => s.brush);
  const { data: sqlData, dataRequest, request, loading, error } = useHistogram((s) => s);
  const { data: answer, scope } = useScopedHistogram(sqlData); // filters, range, call path
  const data = useMemo(() => answer && withPercentiles(answer, kind), [answer, kind]);
  const stale = loading || !sameRequest(request, dataRequest);
  // the view is drawn before the database holds the rows: the query waits for it
  const waiting = useApp((s) => s.indexing) ? 'indexing…' : 'Loading…';
  return (
    <div className="histogram" data-testid="histogram">
      <div className="panel-bar histogram-bar">
        <NamePicker />
        <button
          className="y-scale"
          title="Count axis: square root or linear"
          onClick={() => setYScale(yScale === 'sqrt' ? 'linear' : 'sqrt')}
        >
          {yScale === 'sqrt' ? '√ count' : 'count'}
        </button>
      </div>
      {error ? (
        <div className="histogram-message error" role="alert">
          {error}
        </div>
      ) : !data ? (
        <div className="histogram-message">{loading ? waiting : 'No spans loaded.'}</div>
      ) : (
        <>
          {data.count === 0 ? (
            <div className="histogram-message empty">
              {stale ? waiting : 'No complete span of this name.'}
            </div>
          ) : (
            <HistogramChart
              data={data}
              yScale={yScale}
              brush={brush}
              stale={stale}
              onBrush={view.getState().setBrush}
            />
          )}
          <Stats data={data} kind={kind} onKind={setKind} />
          {scope && <div className="histogram-scope">only {scope}</div>}
        </>
      )}
    </div>
  );
}
