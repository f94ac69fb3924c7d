"use client";

import { FilterChip } from "@/components/ui/filter-chip";
import { healthStatuses, type HealthStatus } from "@/lib/health-statuses";
import type { HealthCounts } from "@/lib/schemas/health";
import { HEALTH_LABELS } from "./health-badge";

// The counts above the list: how many credentials each status and each last known org has under the other filters.
// Each count is a button that filters the list by it (again to clear), so support goes from "3 org lookups fail" to
// those three in one click.

interface HealthCountsBarProps {
  counts: HealthCounts | null;
  status: HealthStatus | null;
  onStatus: (value: HealthStatus | null) => void;
  org: string | null;
  onOrg: (value: string | null) => void;
}

export function HealthCountsBar({ counts, status, onStatus, org, onOrg }: HealthCountsBarProps) {
  if (!counts) return null;
  const orgs = counts.byOrg.filter((entry): entry is typeof entry & { id: string } => entry.id !== null);
  return (
    <div className="space-y-2" data-testid="health-counts">
      <div role="group" aria-label="Filter by status" className="flex flex-wrap items-center gap-1.5">
        <span className="mr-1 text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">Status</span>
        {healthStatuses.map((value) => (
          <FilterChip key={value} isActive={status === value} onClick={() => onStatus(status === value ? null : value)}>
            {HEALTH_LABELS[value].label} <Count n={counts.byStatus[value]} />
          </FilterChip>
        ))}
      </div>
      {orgs.length > 0 ? (
        <div role="group" aria-label="Filter by organization" className="flex flex-wrap items-center gap-1.5">
          <span className="mr-1 text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">Orgs</span>
          {orgs.map((entry) => (
            <FilterChip
              key={entry.id}
              isActive={org === entry.id}
              onClick={() => onOrg(org === entry.id ? null : entry.id)}
              title={entry.id}
            >
              {entry.name || entry.id} <Count n={entry.count} />
            </FilterChip>
          ))}
        </div>
      ) : null}
    </div>
  );
}

function Count({ n }: { n: number }) {
  return <span className="ml-0.5 tabular-nums opacity-80">{n}</span>;
}
