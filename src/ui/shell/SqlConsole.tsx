// The SQL console: any SQL over the loaded tables (Ctrl+Enter runs it), example queries, and the
// result as a table (capped rows) or the database's error message.
import { useView } from '../store-context';
import { useActions, useApp, useAppContext } from './app-context';

function ResultTable() {
  const result = useApp((s) => s.sql.result);
  if (!result) return null;
  return (
    <table data-testid="sql-result">
      <thead>
        <tr>
          {result.columns.map((c, i) => (
            <th key={i} title={c}>
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {result.rows.map((row, r) => (
          <tr key={r}>
            {row.map((cell, c) => (
              <td key={c} title={cell}>
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ResultMeta() {
  const { running, result, error } = useApp((s) => s.sql);
  if (running) return <div className="sql-meta">running…</div>;
  if (error)
    return (
      <div className="sql-meta sql-error" role="alert" data-testid="sql-error">
        {error}
      </div>
    );
  if (!result) return <div className="sql-meta">Ctrl+Enter runs the query.</div>;
  const shown = result.rows.length < result.rowCount ? ` (showing ${result.rows.length})` : '';
  return (
    <div className="sql-meta" data-testid="sql-meta">
      {result.rowCount} rows{shown} · {result.elapsedMs.toFixed(0)} ms
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
      <div className="sql-result">
        <ResultTable />
      </div>
    </section>
  );
}
