import { formatDuration } from "@/lib/duration";

// The diagnostics panels' words around a duration: a token's time left and an exchange's latency. Dates:
// components/ui/time-format.ts.

/** "11 h 59 m 58 s", "4 m 05 s", "42 s" in whole seconds; "expired" once past. */
export function formatCountdown(msLeft: number): string {
  if (msLeft <= 0) return "expired";
  return formatDuration(Math.floor(msLeft / 1000) * 1000);
}

export function formatLatency(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  return formatDuration(ms);
}
