// GET /processes: a plain HTML list of the stored processes, each linking to the viewer. Every
// string from a trace is escaped: trace strings are data, never HTML. No I/O.
import type { ProcessSummary } from './process-index';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const tags = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([tag, n]) => `${tag} ${n}`)
    .join(', ');

function row(p: ProcessSummary): string {
  const cells = [
    `<a href="/?process=${encodeURIComponent(p.id)}">${escapeHtml(p.id)}</a>`,
    escapeHtml(p.exe ?? '(no process info yet)'),
    escapeHtml(p.startTime ?? ''),
    escapeHtml(p.lastBlockTime ?? ''),
    String(p.streamCount),
    String(p.blockCount),
    escapeHtml(tags(p.blocksByTag)),
  ];
  return `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
}

/** The page's only style; router.ts allows it in the Content-Security-Policy by its hash. */
export const PROCESS_PAGE_STYLE =
  'body{font:14px system-ui,sans-serif;margin:2em}td,th{padding:2px 10px;text-align:left}';

export function processPage(processes: ProcessSummary[]): string {
  const head = ['process', 'exe', 'start', 'last block', 'streams', 'blocks', 'blocks by tag'];
  const body =
    processes.length === 0
      ? '<p>No process yet. Run one with MICROMEGAS_TELEMETRY_URL pointing at this server.</p>'
      : `<table><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead>` +
        `<tbody>${processes.map(row).join('')}</tbody></table>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>weft: processes</title>
<style>${PROCESS_PAGE_STYLE}</style>
</head><body><h1>Processes</h1>${body}
<p><a href="/api/processes">JSON</a></p></body></html>
`;
}
