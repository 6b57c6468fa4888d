// The SQL console: any SQL over the loaded tables, read-only (Ctrl+Enter runs it), example
// queries, and the result as a virtualized table with CSV and Parquet downloads, or the
// database's error message.
import { useView } from '../store-context';
import { useActions, useApp, useAppContext } from './app-context';
import { SqlDownloads } from './SqlDownloads';
import { SqlResultTable } from './SqlResultTable';

function ResultGrid() {
  const { result, error } = useApp((s) => s.sql);
  if (!result || error) return <div className="sql-result" />;
  return <SqlResultTable result={result} />;
}

function ResultMeta() {
  const { running, result, error } = useApp((s) => s.sql);
  const indexing = useApp((s) => s.indexing);
  if (running) return <div className="sql-meta">{indexing ? 'indexing…' : 'running…'}</div>;
  if (error)
    return (
      <div className="sql-meta sql-error" role="alert" data-testid="sql-error">
        {error}
      </div>
    );
  if (!result) return <div className="sql-meta">Ctrl+Enter runs the query.</div>;
  const shown =
    result.keptRows < result.rowCount
      ? ` (showing the first ${result.keptRows.toLocaleString('en-US')})`
      : '';
  return (
    <div className="sql-meta" data-testid="sql-meta">
      {result.rowCount.toLocaleString('en-US')} rows{shown} · {result.elapsedMs.toFixed(0)} ms
      <SqlDownloads result={result} />
    </div>
  );
}

export function SqlConsole(props: { onClose: () => void }) {
  const text = useApp((s) => s.sql.text);
  const running = useApp((s) => s.sql.running);
  const processId = useView((s) => s.processId);
  const exampleQueries = useAppContext().exampleQueries(processId);
  const actions = useActions();
  return (
    <section className="sql-console" aria-label="SQL console">
      <div className="sql-bar">
        <span className="title">SQL</span>
        <select
          aria-label="Example queries"
          value=""
          onChange={(e) => {
            const example = exampleQueries[Number(e.currentTarget.value)];
            if (!example) return;
            actions.setSqlText(example.sql);
            void actions.runSql();
          }}
        >
          <option value="">Example queries…</option>
          {exampleQueries.map((q, i) => (
            <option key={q.title} value={i}>
              {q.title}
            </option>
          ))}
        </select>
        <button type="button" disabled={running} onClick={() => void actions.runSql()}>
          Run (Ctrl+Enter)
        </button>
        <button type="button" onClick={props.onClose} aria-label="Close SQL console">
          ×
        </button>
      </div>
      <textarea
        aria-label="SQL query"
        data-testid="sql-input"
        spellCheck={false}
        value={text}
        onChange={(e) => actions.setSqlText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void actions.runSql();
          }
        }}
      />
      <ResultMeta />
      <ResultGrid />
    </section>
  );
}
