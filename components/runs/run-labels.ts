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

export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes} min ${Math.round(seconds % 60)} s` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function durationSeconds(startedAt: string, finishedAt: string | null): number | null {
  return finishedAt ? (Date.parse(finishedAt) - Date.parse(startedAt)) / 1000 : null;
}
