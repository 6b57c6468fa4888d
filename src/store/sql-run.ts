// The SQL console's run: the editor's text through the backend (read-only there); on an error
// the previous result goes, so its header is never read as this query's columns. It waits for
// the database to hold the load's rows (the first view is drawn before). No React.
import { whenIndexed, type AppStore, type SqlState } from './app-state';
import type { CaptureBackend } from './backend';

export async function runConsoleSql(app: AppStore, backend: CaptureBackend): Promise<void> {
  const set = (change: Partial<SqlState>) =>
    app.setState({ sql: { ...app.getState().sql, ...change } });
  set({ running: true, error: null });
  try {
    await whenIndexed(app); // the database may still be storing the load's rows
    const text = app.getState().sql.text;
    set({ running: false, result: await backend.runSql(text), resultSql: text });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    set({ running: false, result: null, resultSql: null, error: message });
  }
}
