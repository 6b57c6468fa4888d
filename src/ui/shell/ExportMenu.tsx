// The toolbar's Export menu: the shown process's spans — all of them, those in the time window
// shown, or those the current filter keeps (the filter bar, the selected range, the name search,
// the histogram brush and the call tree node picked: model/export/scope.ts) — downloaded
// as Chrome trace-event JSON, a Perfetto trace, CSV or Parquet, or opened in a Perfetto UI tab
// (perfetto-open.ts; downloaded when no tab answers).
import { useMemo, useState } from 'react';
import type { ViewFilter } from '../../model/export/scope';
import { histogramNameIndex } from '../../store/view-state';
import { useView } from '../store-context';
import { useApp, useAppContext } from './app-context';
import { exportFileName, saveFile } from './download';
import {
  exportParts,
  FORMAT_FILES,
  perfettoBytes,
  scopeOf,
  spanCount,
  type ExportFormat,
  type ExportSource,
  type ScopeKind,
} from './export-jobs';
import './export-menu.css';
import { openOrDownload, perfettoUrl, setPerfettoUrl } from './perfetto-open';

const SCOPES: { kind: ScopeKind; label: string }[] = [
  { kind: 'process', label: 'Whole process' },
  { kind: 'window', label: 'Time window shown' },
  { kind: 'filter', label: 'Current filter' },
];

const FORMATS: { format: ExportFormat; label: string }[] = [
  { format: 'chrome-json', label: 'Chrome JSON' },
  { format: 'perfetto', label: 'Perfetto trace' },
  { format: 'csv', label: 'CSV' },
  { format: 'parquet', label: 'Parquet' },
];

function useExportSource(): ExportSource | null {
  const table = useView((s) => s.spans);
  const processId = useView((s) => s.processId);
  const window = useView((s) => s.window);
  const search = useView((s) => s.search);
  const brush = useView((s) => s.brush);
  const histogramName = useView((s) => s.histogramName);
  const spanFilter = useView((s) => s.filter);
  const range = useView((s) => s.range);
  const callPath = useView((s) => s.callPath);
  const processes = useApp((s) => s.processes);
  return useMemo(() => {
    if (!table || !processId) return null;
    const exe = processes.find((p) => p.processId === processId)?.exe ?? '';
    const brushNameIndex = histogramNameIndex(table, histogramName);
    const filter: ViewFilter = { search, brush, brushNameIndex, spanFilter, range, callPath };
    return { table, process: { processId, exe }, window, filter };
  }, [
    table,
    processId,
    window,
    search,
    brush,
    histogramName,
    spanFilter,
    range,
    callPath,
    processes,
  ]);
}

function ScopeChoice(props: {
  source: ExportSource;
  kind: ScopeKind;
  onChange: (k: ScopeKind) => void;
}) {
  return (
    <fieldset className="export-scope">
      <legend>Spans</legend>
      {SCOPES.map(({ kind, label }) => {
        const count = spanCount(props.source, kind);
        return (
          <label key={kind}>
            <input
              type="radio"
              name="export-scope"
              checked={props.kind === kind}
              disabled={count === null}
              onChange={() => props.onChange(kind)}
            />
            {label}
            <span className="count">
              {count === null ? 'no filter active' : `${count.toLocaleString('en-US')} spans`}
            </span>
          </label>
        );
      })}
    </fieldset>
  );
}

function usePanel(source: ExportSource, kind: ScopeKind) {
  const { spanRowsFile } = useAppContext();
  const [status, setStatus] = useState('');
  const what = `${source.process.exe.split('/').pop() || 'process'}-${kind}`;
  const download = async (format: ExportFormat) => {
    setStatus(`Writing ${format}…`);
    try {
      const parts = await exportParts(source, kind, format, spanRowsFile);
      const file = FORMAT_FILES[format];
      saveFile(parts, exportFileName(what, file.extension), file.type);
      setStatus(`Downloaded ${format}.`);
    } catch (error) {
      setStatus(`${format} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const perfetto = async (url: string) => {
    setStatus('Opening Perfetto…');
    const bytes = await perfettoBytes(source, scopeOf(source, kind) ?? {});
    const fileName = exportFileName(what, 'pftrace');
    const title = `weft: ${source.process.exe || source.process.processId}`;
    const download = () => saveFile([bytes], fileName, FORMAT_FILES.perfetto.type);
    const outcome = await openOrDownload({ bytes, title, fileName }, url, download);
    if (outcome === 'posted') return setStatus('Sent to the Perfetto tab.');
    const why =
      outcome === 'no-tab'
        ? `No tab could be opened at ${url}`
        : `No Perfetto UI answered at ${url}`;
    setStatus(`${why}: downloaded the trace instead.`);
  };
  return { status, download, perfetto };
}

function ExportPanel(props: { source: ExportSource }) {
  const [kind, setKind] = useState<ScopeKind>('process');
  const [url, setUrl] = useState(perfettoUrl);
  const panel = usePanel(props.source, kind);
  return (
    <div className="export-panel" role="dialog" aria-label="Export" data-testid="export-menu">
      <ScopeChoice source={props.source} kind={kind} onChange={setKind} />
      <div className="export-formats">
        {FORMATS.map(({ format, label }) => (
          <button key={format} type="button" onClick={() => void panel.download(format)}>
            {label}
          </button>
        ))}
      </div>
      <div className="export-perfetto">
        <button type="button" onClick={() => void panel.perfetto(url)}>
          Open in Perfetto
        </button>
        <input
          aria-label="Perfetto UI address"
          value={url}
          onChange={(e) => setUrl(e.currentTarget.value)}
          onBlur={() => setPerfettoUrl(url)}
        />
      </div>
      <div className="export-status" role="status" data-testid="export-status">
        {panel.status}
      </div>
    </div>
  );
}

export function ExportMenu() {
  const source = useExportSource();
  const [open, setOpen] = useState(false);
  return (
    <span className="export-menu">
      <button type="button" aria-expanded={open} disabled={!source} onClick={() => setOpen(!open)}>
        Export
      </button>
      {open && source && <ExportPanel source={source} />}
    </span>
  );
}
