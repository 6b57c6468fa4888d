// The process browser's filter: text (exe, computer, user, id) and a time range (processes that
// overlap it). Applied as typed; the list is asked again at once.
import type { BrowserFilter } from '../../store/process-browser';
import { isoToLocalInput, localInputToIso } from './format';

export function FilterBar(props: { filter: BrowserFilter; onChange: (f: BrowserFilter) => void }) {
  const { filter, onChange } = props;
  return (
    <div className="browser-filter">
      <input
        type="search"
        placeholder="filter: exe, computer, user, id"
        aria-label="Filter processes"
        data-testid="browser-filter"
        value={filter.text}
        onChange={(e) => onChange({ ...filter, text: e.currentTarget.value })}
      />
      <label>
        from{' '}
        <input
          type="datetime-local"
          aria-label="Listed from"
          value={isoToLocalInput(filter.beginIso)}
          onChange={(e) =>
            onChange({ ...filter, beginIso: localInputToIso(e.currentTarget.value) })
          }
        />
      </label>
      <label>
        to{' '}
        <input
          type="datetime-local"
          aria-label="Listed until"
          value={isoToLocalInput(filter.endIso)}
          onChange={(e) => onChange({ ...filter, endIso: localInputToIso(e.currentTarget.value) })}
        />
      </label>
      {(filter.beginIso || filter.endIso) && (
        <button type="button" onClick={() => onChange({ ...filter, beginIso: null, endIso: null })}>
          any time
        </button>
      )}
    </div>
  );
}
