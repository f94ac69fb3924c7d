import { Badge, type BadgeTone } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import type { Health, HealthStatus } from "@/lib/schemas/health";

// A credential's health in the list's words: one status, the diagnosis behind a failure and since when it holds.

export const HEALTH_LABELS: Record<HealthStatus, { label: string; tone: BadgeTone }> = {
  working: { label: "Working", tone: "success" },
  token_fails: { label: "Token fails", tone: "danger" },
  org_fails: { label: "Org lookup fails", tone: "danger" },
  // Grey: the issuer did not answer, so nothing is known about the credential; the issuer banner says more.
  issuer_unavailable: { label: "Issuer unavailable", tone: "neutral" },
  untested: { label: "Never tested", tone: "neutral" },
  stale: { label: "Stale", tone: "warning" },
};

/** The status alone: the list's rows and the credential page's summary. */
export function HealthStatusBadge({ status }: { status: HealthStatus }) {
  const { label, tone } = HEALTH_LABELS[status];
  return (
    <Badge tone={tone} className="whitespace-nowrap">
      <span data-testid="credential-health">{label}</span>
    </Badge>
  );
}

export function HealthBadge({ health }: { health: Health }) {
  return (
    <div className="space-y-0.5 text-sm">
      <div className="flex flex-wrap items-center gap-1.5">
        <HealthStatusBadge status={health.status} />
        {health.diagnosisCode ? (
          // A code is one word: it moves to a line of its own rather than breaking inside ("missing_permis sion").
          <code className="text-xs whitespace-nowrap text-zinc-600 dark:text-zinc-400" data-testid="credential-health-code">
            {health.diagnosisCode}
          </code>
        ) : null}
      </div>
      {/* A stale credential says since when it has not been checked; the others since when their status holds. */}
      {health.status === "stale" && health.lastCheckedAt ? (
        <span className="block text-xs text-zinc-500 dark:text-zinc-400">
          last checked <RelativeTime value={health.lastCheckedAt} />
        </span>
      ) : health.since ? (
        <span className="block text-xs text-zinc-500 dark:text-zinc-400">
          since <RelativeTime value={health.since} />
        </span>
      ) : null}
    </div>
  );
}

/** The organization orgs/me last named, kept while later lookups fail. */
export function LastKnownOrg({ health, showId = true }: { health: Health; showId?: boolean }) {
  const org = health.lastKnownOrg;
  if (!org) return <span className="text-xs text-zinc-500 dark:text-zinc-400">none known</span>;
  return (
    <span className="block" data-testid="credential-org">
      <span className="block max-w-44 truncate text-zinc-700 dark:text-zinc-300" title={org.name}>
        {org.name}
      </span>
      {showId ? <span className="block font-mono text-xs text-zinc-500 dark:text-zinc-400">{org.id}</span> : null}
    </span>
  );
}
