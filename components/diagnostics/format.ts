// Formatting for the diagnostics panels: a token's time left and an exchange's latency. Dates: components/ui/time-format.ts.

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

/** Whole minutes left (at least 1 while not expired), for "cached, N min left". */
export function minutesLeft(expiresAt: string, now: number): number {
  const ms = Date.parse(expiresAt) - now;
  return ms <= 0 ? 0 : Math.max(1, Math.floor(ms / 60_000));
}
