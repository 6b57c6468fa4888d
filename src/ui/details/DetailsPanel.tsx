// The details panel: every fact about the selected span with a copy button per value and one
// for all as JSON, the parent as a link that selects it, and the critical path (the chain of
// children that made the span end when it did, src/model/critical-path.ts) with how long each
// link was waited on. Thin React shell over details-model.ts.
import { useMemo, useState } from 'react';
import { useView, useViewStoreApi } from '../store-context';
import { spanDetails, type SpanDetails } from './details-model';
import './details.css';

function useCopy(): [string, (label: string, text: string) => void] {
  const [status, setStatus] = useState('');
  const copy = (label: string, text: string) => {
    navigator.clipboard
      .writeText(text)
      .then(() => setStatus(`copied ${label}`))
      .catch(() => setStatus(`could not copy ${label} (clipboard not allowed)`));
  };
  return [status, copy];
}

function CriticalPath(props: { details: SpanDetails; onSelect(row: number): void }) {
  const { critical } = props.details;
  return (
    <section className="details-critical" aria-label="Critical path">
      <h3 title="The child that ended last (no later than its parent), then its child that ended last, and so on: what made this span end when it did">
        critical path
      </h3>
      {critical.length === 0 ? (
        <p className="details-none">none: no child ended within this span</p>
      ) : (
        <ol data-testid="critical-path">
          {critical.map((c) => (
            <li key={c.row}>
              <button type="button" className="link" onClick={() => props.onSelect(c.row)}>
                {c.name}
              </button>{' '}
              <span title="How long its parent waited on it (its time inside the parent)">
                waited {c.waited}
              </span>
              <span className="details-muted" title="What its parent still did after it ended">
                {' '}
                · then {c.tail}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function DetailsPanel() {
  const spans = useView((s) => s.spans);
  const selected = useView((s) => s.selected);
  const api = useViewStoreApi();
  const [status, copy] = useCopy();
  const details = useMemo(
    () => (spans && selected >= 0 && selected < spans.length ? spanDetails(spans, selected) : null),
    [spans, selected],
  );
  if (!details)
    return (
      <div className="details empty" data-testid="details-panel">
        Select a span (timeline or tree) to see its details.
      </div>
    );
  const select = (row: number) => api.getState().select(row);
  return (
    <div className="details" data-testid="details-panel">
      <div className="panel-bar">
        <b>Span details</b>
        <button
          type="button"
          onClick={() => copy('all as JSON', details.json)}
          data-testid="copy-json"
        >
          copy all as JSON
        </button>
        <span className="details-muted" role="status">
          {status}
        </span>
      </div>
      <dl className="details-list">
        {details.items.map((it) => (
          <div key={it.key} className="details-item" data-testid={`detail-${it.key}`}>
            <dt>{it.label}</dt>
            <dd>
              {it.key === 'parentSpanId' && details.parentRow >= 0 ? (
                <button type="button" className="link" onClick={() => select(details.parentRow)}>
                  {it.text}
                </button>
              ) : (
                <span>{it.text}</span>
              )}
            </dd>
            {it.copy !== '' && (
              <button
                type="button"
                className="details-copy"
                title={`Copy ${it.label}: ${it.copy}`}
                aria-label={`Copy ${it.label}`}
                onClick={() => copy(it.label, it.copy)}
              >
                copy
              </button>
            )}
          </div>
        ))}
      </dl>
      <CriticalPath details={details} onSelect={select} />
    </div>
  );
}
