// How long a test-all run has left: the pace so far for the items still to go, and every item in flight until it
// lands or its call's deadline passes, whichever the estimate says is later.

export interface RunPace {
  /** Items not yet ended, in flight ones included. */
  left: number;
  /** Items that reached an end by being tested (not cancelled or skipped without a call). */
  tested: number;
  elapsedMs: number;
  /** How long each item in flight has been running. */
  inFlightAgesMs: number[];
  /** How long recently tested items took, from claim to end. */
  recentDurationsMs: number[];
  /** One call's deadline (UPSTREAM_TIMEOUT_MS); a check makes at most two calls, each with its own. */
  callDeadlineMs: number;
}

const OVERDUE_MARGIN_MS = 1000;

/** Seconds left, or null before the first item lands (no pace to go by). */
export function estimateSecondsLeft(pace: RunPace): number | null {
  if (pace.tested === 0) return null;
  const paceMs = (pace.elapsedMs / pace.tested) * pace.left;
  const typicalMs = median(pace.recentDurationsMs);
  const inFlightMs = Math.max(0, ...pace.inFlightAgesMs.map((ageMs) => inFlightLeftMs(ageMs, typicalMs, pace.callDeadlineMs)));
  return Math.max(0, Math.round(Math.max(paceMs, inFlightMs) / 1000));
}

// An item within a typical one's time (with a margin, so ordinary spread does not make the estimate jump) is expected
// to land like one; a later one is waiting on a slow issuer, and lands when the call under way answers or reaches its
// deadline, so it is counted until that deadline.
function inFlightLeftMs(ageMs: number, typicalMs: number | null, callDeadlineMs: number): number {
  if (typicalMs !== null && ageMs <= 2 * typicalMs + OVERDUE_MARGIN_MS) return Math.max(0, typicalMs - ageMs);
  if (ageMs >= 2 * callDeadlineMs) return 0;
  return callDeadlineMs - (ageMs % callDeadlineMs);
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
