// Counts in words: thousands separators everywhere (the tree, the status bar, the panels say
// "12,345" alike) and a singular for one ("1 complete span").

export function formatCount(n: number | bigint): string {
  return n.toLocaleString('en-US');
}

/** "1 span", "12,345 spans"; `plural` defaults to `singular` + "s". */
export function countOf(n: number | bigint, singular: string, plural = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 || n === 1n ? singular : plural}`;
}
