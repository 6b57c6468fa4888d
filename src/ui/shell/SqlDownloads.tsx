// CSV and Parquet downloads of the SQL console's result: CSV from the rows the console holds
// (the exact text shown), Parquet by running the same query again read-only and writing its
// Arrow result (src/db).
import { useState } from 'react';
import type { SqlResult } from '../../store/backend';
import { useApp, useAppContext } from './app-context';
import { exportFileName, resultCsvParts, saveFile } from './download';

export function SqlDownloads(props: { result: SqlResult }) {
  const { sqlParquet } = useAppContext();
  const resultSql = useApp((s) => s.sql.resultSql);
  const [busy, setBusy] = useState<string | null>(null);
  const run = async (what: string, job: () => Promise<void>) => {
    setBusy(what);
    try {
      await job();
    } catch (error) {
      setBusy(`${what} failed: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    setBusy(null);
  };
  const csv = () =>
    run('CSV', async () => {
      const parts = await resultCsvParts(props.result);
      saveFile(parts, exportFileName('query', 'csv'), 'text/csv');
    });
  const parquet = () =>
    run('Parquet', async () => {
      if (!sqlParquet || resultSql === null) throw new Error('Run a query first.');
      const bytes = await sqlParquet(resultSql);
      saveFile([bytes], exportFileName('query', 'parquet'), 'application/vnd.apache.parquet');
    });
  return (
    <span className="sql-downloads">
      {busy && <span role="status">{busy.includes('failed') ? busy : `${busy}…`}</span>}
      <button
        type="button"
        onClick={() => void csv()}
        disabled={busy !== null && !busy.includes('failed')}
      >
        CSV
      </button>
      <button
        type="button"
        onClick={() => void parquet()}
        disabled={busy !== null && !busy.includes('failed')}
      >
        Parquet
      </button>
    </span>
  );
}
