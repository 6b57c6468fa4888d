// The Connect dialog's auth state in words: connected how, or why not and what to do (log in in a
// new tab, paste a token or weft serve's API key). Messages are shown as text, never HTML.
import { useConnection } from './browser-context';

export function AuthLine() {
  const auth = useConnection((s) => s.auth);
  const own = useConnection((s) => s.own);
  const token = useConnection((s) => s.token);
  const message = useConnection((s) => s.message);
  const loginUrl = useConnection((s) => s.loginUrl);
  if (auth === 'unknown') return null;
  if (auth === 'checking') return <p className="auth-line">Checking…</p>;
  if (auth === 'ok')
    return (
      <p className="auth-line ok" data-testid="auth-state">
        {token
          ? 'Connected with the pasted token (kept in this tab’s memory only).'
          : 'Connected (session cookie, or no log-in needed).'}
      </p>
    );
  if (auth === 'unauthorized')
    return (
      <div className="auth-line failure" role="alert" data-testid="auth-state">
        <p>
          Not logged in.{' '}
          {own
            ? 'This server wants its API key (weft serve --api-key): paste it below.'
            : 'Log in, then press Connect again — or paste a bearer token (an OIDC ID token) below.'}
        </p>
        {!own && loginUrl && (
          <a href={loginUrl} target="_blank" rel="noreferrer" data-testid="login-link">
            Log in at {loginUrl} ↗
          </a>
        )}
      </div>
    );
  return (
    <p className="auth-line failure" role="alert" data-testid="auth-state">
      {auth === 'unavailable'
        ? 'This page’s server does not answer micromegas’ analytics protocol (it is not weft serve).'
        : message}
    </p>
  );
}
