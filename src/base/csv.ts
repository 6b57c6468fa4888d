// RFC 4180 CSV fields and lines: a field holding a quote, comma or line break is quoted, quotes
// doubled. Shared by the decoder's CSV, `weft sql`, `weft export` and the viewer's downloads.

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvLine(cells: string[]): string {
  return cells.map(csvField).join(',');
}
