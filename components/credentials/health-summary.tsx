import { outcomeLabel } from "@/components/diagnostics/outcome-labels";
import { RelativeTime } from "@/components/ui/relative-time";
import type { Health } from "@/lib/schemas/health";
import { HealthStatusBadge } from "./health-badge";

// The credential's health in one line under its title, in the list's words: the status, the failure behind it, since
// when it holds and when it was last checked. The page revalidates it after every token test and org lookup.

export function HealthSummary({ health }: { health: Health }) {
  // An unavailable issuer names what it answered, as a failure does.
  const hasCause = health.status !== "working" && health.status !== "untested";
  return (
    <p
      className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-zinc-600 dark:text-zinc-400"
      data-testid="credential-health-summary"
    >
      <span className="sr-only">Health:</span>
      <HealthStatusBadge status={health.status} />
      {/* A stale credential keeps its last failure: it is still the latest thing known about it. */}
      {health.diagnosisCode && hasCause ? (
        <span>
          <span data-testid="credential-health-title">{outcomeLabel(health.diagnosisCode)}</span>{" "}
          <code className="text-xs whitespace-nowrap" data-testid="credential-health-code">
            {health.diagnosisCode}
          </code>
        </span>
      ) : null}
      {/* "since" dates the status; a stale one is not current, so it says only when it was last checked. */}
      {health.since && health.status !== "stale" ? (
        <span data-testid="credential-health-since">
          since <RelativeTime value={health.since} />
        </span>
      ) : null}
      {health.lastCheckedAt ? (
        <span data-testid="credential-health-checked">
          last checked <RelativeTime value={health.lastCheckedAt} />
        </span>
      ) : null}
    </p>
  );
}
