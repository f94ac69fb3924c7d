"use client";

import { RelativeTime } from "@/components/ui/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import { useTestHistory } from "@/lib/client/use-test-history";
import { Panel } from "./panel";

// The organization for someone who may not look it up (a viewer): the last one a lookup found, from the test history,
// and who can look it up live.

export function LastKnownOrgPanel({ credentialId, operatorOnly }: { credentialId: string; operatorOnly: string }) {
  const { items, isLoading } = useTestHistory(credentialId);
  const last = items?.find((item) => item.kind === "org" && item.outcome === "ok" && item.orgName);
  return (
    <Panel title="Organization" description="The last organization a lookup found" testId="org-panel">
      <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="org-operator-only">
        {operatorOnly} to look the organization up live. An operator or admin can look it up on this page.
      </p>
      {isLoading ? <Skeleton className="h-9 w-64" /> : null}
      {last ? (
        <div>
          <p className="text-3xl font-semibold tracking-tight break-words sm:text-4xl" data-testid="last-known-org-name">
            {last.orgName}
          </p>
          <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
            {last.orgId ? <span className="font-mono">{last.orgId}</span> : null}
            {last.orgId ? " · " : null}
            found <RelativeTime value={last.at} /> by {last.operator}
          </p>
        </div>
      ) : null}
      {items && !last ? (
        <p className="rounded-lg border border-dashed border-zinc-300 px-4 py-6 text-center text-sm text-zinc-500 dark:border-zinc-700 dark:text-zinc-400">
          No lookup has found its organization yet.
        </p>
      ) : null}
    </Panel>
  );
}
