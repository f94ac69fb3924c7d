// Formatting for the diagnostics panels: a token's time left and an exchange's latency. Dates: components/ui/time-format.ts.

const pad = (value: number) => String(value).padStart(2, "0");

/** The one duration style of the panels: "11 h 59 m 58 s", "4 m 05 s", "42 s"; "expired" once past. */
export function formatCountdown(msLeft: number): string {
  if (msLeft <= 0) return "expired";
  const total = Math.floor(msLeft / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (hours > 0) return `${hours} h ${pad(minutes)} m ${pad(seconds)} s`;
  return minutes > 0 ? `${minutes} m ${pad(seconds)} s` : `${seconds} s`;
}

export function formatLatency(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
