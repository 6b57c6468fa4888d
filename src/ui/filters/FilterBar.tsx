// The view's filters (src/model/span-filter.ts) as one bar of fields: every panel and the status
// bar apply them. Text fields commit as the user types; what a field cannot parse is said next
// to it and ignored. Thin React shell over the view store.
import { useMemo } from 'react';
import {
  EMPTY_FILTER,
  compileFilter,
  isFilterEmpty,
  type SpanFilter,
} from '../../model/span-filter';
import { useView } from '../store-context';
import './filters.css';

interface TextField {
  key: 'name' | 'target' | 'file' | 'beginThread' | 'endThread' | 'duration';
  label: string;
  placeholder: string;
  title: string;
}

const TEXT_FIELDS: TextField[] = [
  {
    key: 'name',
    label: 'name',
    placeholder: 'text or /regex/',
    title: 'Span name contains this text (any case), or matches /regex/flags',
  },
  { key: 'target', label: 'target', placeholder: 'text', title: 'Target contains this text' },
  { key: 'file', label: 'file', placeholder: 'text', title: 'Source file contains this text' },
  {
    key: 'beginThread',
    label: 'begin thread',
    placeholder: 'thread name',
    title: 'The thread that holds the begin event: its name contains this text',
  },
  {
    key: 'endThread',
    label: 'end thread',
    placeholder: 'thread name',
    title: 'The thread that holds the end event: its name contains this text',
  },
  {
    key: 'duration',
    label: 'duration',
    placeholder: '>1ms',
    title: 'Complete spans whose duration satisfies: >1ms, <=20us, =0, 1ms..5ms',
  },
];

function Select(props: {
  label: string;
  value: string;
  options: [string, string][];
  onChange: (value: string) => void;
}) {
  return (
    <label className="filter-field">
      <span>{props.label}</span>
      <select
        data-testid={`filter-${props.label}`}
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      >
        {props.options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

export function FilterBar() {
  const spans = useView((s) => s.spans);
  const filter = useView((s) => s.filter);
  const setFilter = useView((s) => s.setFilter);
  const errors = useMemo(() => (spans ? compileFilter(spans, filter).errors : []), [spans, filter]);
  const set = (patch: Partial<SpanFilter>) => setFilter(patch);
  return (
    <div className="filter-bar" role="search" aria-label="Filters" data-testid="filter-bar">
      {TEXT_FIELDS.map((f) => (
        <label key={f.key} className="filter-field" title={f.title}>
          <span>{f.label}</span>
          <input
            type="search"
            data-testid={`filter-${f.key}`}
            placeholder={f.placeholder}
            value={filter[f.key]}
            onChange={(e) => set({ [f.key]: e.currentTarget.value })}
          />
        </label>
      ))}
      <Select
        label="state"
        value={filter.state}
        options={[
          ['', 'any'],
          ['complete', 'complete'],
          ['open', 'open'],
          ['orphan_end', 'orphan end'],
        ]}
        onChange={(state) => set({ state: state as SpanFilter['state'] })}
      />
      <Select
        label="migrated"
        value={filter.migrated}
        options={[
          ['', 'any'],
          ['yes', 'yes'],
          ['no', 'no'],
        ]}
        onChange={(migrated) => set({ migrated: migrated as SpanFilter['migrated'] })}
      />
      <button
        type="button"
        disabled={isFilterEmpty(filter)}
        onClick={() => setFilter(EMPTY_FILTER)}
        data-testid="filter-clear"
      >
        clear
      </button>
      {errors.length > 0 && (
        <span className="filter-error" role="alert">
          {errors.join('; ')}
        </span>
      )}
    </div>
  );
}
