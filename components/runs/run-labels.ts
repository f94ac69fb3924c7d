import { formatDuration } from "@/lib/duration";
import type { RunCounts, RunScope, RunState } from "@/lib/schemas/runs";

// Words for runs, shared by the panel on the list page and the run pages.

export const COUNT_LABELS: Record<keyof RunCounts, string> = {
  working: "Working",
  token_fails: "Token fails",
  org_fails: "Org fails",
  skipped: "Skipped",
  cancelled: "Cancelled",
  running: "Testing",
  pending: "Waiting",
};

export const COUNT_ORDER: (keyof RunCounts)[] = ["working", "token_fails", "org_fails", "skipped", "cancelled", "running", "pending"];

export const STATE_LABELS: Record<RunState, string> = {
  running: "Running",
  done: "Done",
  cancelled: "Cancelled",
  failed: "Failed",
};

export function scopeLabel(scope: RunScope): string {
  if (scope.kind === "all") return "All credentials";
  if (scope.kind === "selected") return `${scope.ids.length} selected`;
  const parts = Object.entries(scope.filter)
    .filter(([, value]) => value)
    .map(([name, value]) => `${name}: ${String(value)}`);
  return parts.length ? `Filter (${parts.join(", ")})` : "Filter (none)";
}

/** How long a run took, as the run pages write it ("3 m 05 s"); null while it runs. */
export function formatRunDuration(startedAt: string, finishedAt: string | null): string | null {
  return finishedAt ? formatDuration(Date.parse(finishedAt) - Date.parse(startedAt), { parts: 2 }) : null;
}
