// The Connect dialog: which analytics server the process browser lists (base URL), its data
// source (the default one picked), and the auth state. A pasted token stays in memory only. A
// server on another origin opens as a deep link (?micromegas=<base>): the page reloads with it.
import { useState, type FormEvent } from 'react';
import { AuthLine } from './AuthLine';
import { useBrowserContext, useConnection } from './browser-context';

function DataSourcePicker(props: { value: string | null; onChange: (name: string) => void }) {
  const sources = useConnection((s) => s.dataSources);
  if (sources.length === 0) return null;
  return (
    <label className="field">
      <span>Data source</span>
      <select
        value={props.value ?? ''}
        onChange={(e) => props.onChange(e.currentTarget.value)}
        data-testid="data-source"
      >
        {sources.map((s) => (
          <option key={s.name} value={s.name}>
            {s.name}
            {s.isDefault ? ' (default)' : ''}
          </option>
        ))}
      </select>
    </label>
  );
}

export function ConnectDialog(props: { onClose: () => void }) {
  const { connection } = useBrowserContext();
  const current = connection.store.getState();
  const auth = useConnection((s) => s.auth);
  const chosen = useConnection((s) => s.dataSource);
  const [base, setBase] = useState(current.baseUrl);
  const [token, setToken] = useState(current.token ?? '');
  const [dataSource, setDataSource] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await connection.apply(base, dataSource ?? chosen, token.trim() || null);
    if (ok) props.onClose();
  };
  return (
    <section
      className="drawer connect-dialog"
      role="dialog"
      aria-label="Connect"
      data-testid="connect-dialog"
    >
      <header>
        <h2>Connect to an analytics server</h2>
        <button type="button" onClick={props.onClose} aria-label="Close connect">
          Close
        </button>
      </header>
      <form className="drawer-body" onSubmit={(e) => void submit(e)}>
        <label className="field">
          <span>Base URL</span>
          <input
            type="url"
            value={base}
            onChange={(e) => setBase(e.currentTarget.value)}
            placeholder="https://analytics.example.com/analytics"
            data-testid="connect-base"
            required
          />
        </label>
        <p className="hint">
          micromegas’ analytics web server (<code>POST {'{base}'}/api/query-stream</code>), or a{' '}
          <code>weft serve</code>; this page’s own server is <code>{window.location.origin}</code>.
          Another origin opens as a link (<code>?micromegas=…</code>) and the page reloads.
        </p>
        <DataSourcePicker value={dataSource ?? chosen} onChange={setDataSource} />
        <label className="field">
          <span>Bearer token</span>
          <input
            type="password"
            autoComplete="off"
            value={token}
            onChange={(e) => setToken(e.currentTarget.value)}
            placeholder="optional: an OIDC ID token, or weft serve's --api-key"
            data-testid="connect-token"
          />
        </label>
        <p className="hint">Kept in this tab’s memory only: never stored, never in the URL.</p>
        <AuthLine />
        <div className="actions">
          <button type="submit" disabled={auth === 'checking'} data-testid="connect-submit">
            Connect
          </button>
        </div>
      </form>
    </section>
  );
}
