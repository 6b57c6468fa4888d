// The statistics panel: one row per span name over the spans the view's filters keep and, when a
// range is selected, that begin in it (statisticsOf, the rows `weft stats` prints). Sortable by
// any column; a click on a row picks the name for the histogram and the timeline search. Thin
// React shell.
import { useMemo, useState } from 'react';
import { formatDurationNs } from '../../base/time';
import { statisticsOf } from '../../model/analysis';
import { useView, useViewStoreApi } from '../store-context';
import { STATS_COLUMNS, sortStats, type StatsKey } from './stats-columns';
import './stats.css';

function Scope() {
  const range = useView((s) => s.range);
  return (
    <span className="stats-scope" data-testid="stats-scope">
      {range
        ? `spans that begin in the selected range (${formatDurationNs(range.endNs - range.startNs)}; Esc clears it)`
        : 'whole process'}
      {' · filters apply · quantiles: linear interpolation (quantile_cont), as the histogram'}
    </span>
  );
}

export function StatsPanel() {
  const spans = useView((s) => s.spans);
  const filter = useView((s) => s.filter);
  const range = useView((s) => s.range);
  const histogramName = useView((s) => s.histogramName);
  const api = useViewStoreApi();
  const [sort, setSort] = useState<{ key: StatsKey; descending: boolean }>({
    key: 'totalNs',
    descending: true,
  });
  const rows = useMemo(
    () => (spans ? statisticsOf(spans, filter, range) : []),
    [spans, filter, range],
  );
  const sorted = useMemo(() => sortStats(rows, sort.key, sort.descending), [rows, sort]);
  const pick = (name: string) => {
    api.getState().setHistogramName(name);
    api.getState().setSearch(name);
  };
  return (
    <div className="stats-panel" data-testid="stats-panel">
      <div className="panel-bar">
        <Scope />
      </div>
      <div className="stats-scroll">
        <table className="stats-table" data-testid="stats-table">
          <thead>
            <tr>
              {STATS_COLUMNS.map((c) => {
                const active = sort.key === c.key;
                return (
                  <th
                    key={c.key}
                    title={c.title}
                    aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
                  >
                    <button
                      type="button"
                      onClick={() =>
                        setSort({
                          key: c.key,
                          descending: active ? !sort.descending : c.key !== 'name',
                        })
                      }
                    >
                      {c.label}
                      {active ? (sort.descending ? ' ▼' : ' ▲') : ''}
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {sorted.map((r) => (
              <tr
                key={r.nameIndex}
                className={r.name === histogramName ? 'picked' : undefined}
                onClick={() => pick(r.name)}
                data-name={r.name}
              >
                {STATS_COLUMNS.map((c) => (
                  <td key={c.key} className={c.key === 'name' ? 'name' : 'num'}>
                    {c.text(r)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {sorted.length === 0 && <p className="stats-none">No span is kept by the filters.</p>}
      </div>
    </div>
  );
}
