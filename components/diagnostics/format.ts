// Formatting for the diagnostics panels: durations, latencies and dates, in the operator's locale and time zone.

const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "medium" });
const pad = (value: number) => String(value).padStart(2, "0");

/** "mm:ss" under an hour, "11 h 59 m 58 s" above, "expired" once past. */
export function formatCountdown(msLeft: number): string {
  if (msLeft <= 0) return "expired";
  const total = Math.floor(msLeft / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  return hours > 0 ? `${hours} h ${pad(minutes)} m ${pad(seconds)} s` : `${pad(minutes)}:${pad(seconds)}`;
}

export function formatLatency(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export function formatDateTime(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "—";
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? "—" : dateTime.format(date);
}

/** "5 s ago", "3 min ago": for values that tick every second. */
export function formatAgo(elapsedMs: number): string {
  const seconds = Math.max(0, Math.floor(elapsedMs / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes} min ago` : `${Math.floor(minutes / 60)} h ago`;
}

/** Whole minutes left (at least 1 while not expired), for "cached, N min left". */
export function minutesLeft(expiresAt: string, now: number): number {
  const ms = Date.parse(expiresAt) - now;
  return ms <= 0 ? 0 : Math.max(1, Math.floor(ms / 60_000));
}
