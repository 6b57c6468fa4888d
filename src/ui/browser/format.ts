// Display of process times in the browser: RFC 3339 as sent → "2026-01-02 10:04:05" (UTC) and
// "12 s ago". No React.

/** "2026-01-02 10:04:05" in UTC, or "—" when unknown or unreadable. */
export function formatUtc(iso: string | null): string {
  if (iso === null) return '—';
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return '—';
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** "4 s ago", "3 min ago", "2 h ago", "5 d ago"; "" when unknown or in the future. */
export function formatAgo(iso: string | null, nowMs: number): string {
  if (iso === null) return '';
  const ageS = (nowMs - Date.parse(iso)) / 1000;
  if (!Number.isFinite(ageS) || ageS < 0) return '';
  if (ageS < 60) return `${Math.round(ageS)} s ago`;
  if (ageS < 3600) return `${Math.round(ageS / 60)} min ago`;
  if (ageS < 86400) return `${Math.round(ageS / 3600)} h ago`;
  return `${Math.round(ageS / 86400)} d ago`;
}

/** A `datetime-local` input's value (local time) as RFC 3339 UTC, or null when empty. */
export function localInputToIso(value: string): string | null {
  if (!value) return null;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/** RFC 3339 → a `datetime-local` input's value (local time, minutes). */
export function isoToLocalInput(iso: string | null): string {
  if (iso === null) return '';
  const d = new Date(iso);
  if (!Number.isFinite(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${date}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
