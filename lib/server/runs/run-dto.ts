import "server-only";
import { getEnv } from "@/lib/env";
import type { RunDto, RunItemDto } from "@/lib/schemas/runs";
import type { CheckRunItemRow, CheckRunRow } from "@/lib/server/store";
import { estimateSecondsLeft } from "./run-eta";

// Store rows → what the API answers, with the ETA from the pace so far and the items in flight.

export function toRunDto(row: CheckRunRow, now = Date.now()): RunDto {
  const { counts } = row;
  const done = row.total - counts.pending - counts.running;
  const tested = done - counts.cancelled;
  const etaSeconds =
    row.state === "running"
      ? estimateSecondsLeft({
          left: row.total - done,
          tested,
          elapsedMs: now - Date.parse(row.startedAt),
          inFlightAgesMs: (row.pace?.runningSince ?? []).map((since) => now - Date.parse(since)),
          recentDurationsMs: row.pace?.recentDurationsMs ?? [],
          callDeadlineMs: getEnv().UPSTREAM_TIMEOUT_MS,
        })
      : null;
  return {
    id: row.id,
    startedBy: { id: row.startedBy, name: row.startedByName },
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    state: row.state,
    scope: row.scope,
    total: row.total,
    counts,
    done,
    etaSeconds,
    reason: row.reason,
  };
}

export function toRunItemDto(row: CheckRunItemRow): RunItemDto {
  return {
    credentialId: row.credentialId,
    label: row.label,
    issuer: row.issuer,
    state: row.state,
    status: row.status,
    org: row.orgId && row.orgName ? { id: row.orgId, name: row.orgName } : null,
    code: row.code,
    finishedAt: row.finishedAt,
  };
}
