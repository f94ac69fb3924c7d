"use client";

import { FixItForMe } from "@/components/provisioning/lazy-fix-it";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import { ErrorState } from "@/components/ui/error-state";
import { Fact, FactList } from "@/components/ui/fact-list";
import { RelativeTime } from "@/components/ui/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDateTime } from "@/components/ui/time-format";
import type { useOrgLookup } from "@/lib/client/use-org-lookup";
import type { Diagnosis, Org, OrgLookupResult } from "@/lib/schemas/diagnostics";
import { BusyButton } from "./busy-button";
import { ExpiryCountdown, UpdatedAgo } from "./countdown";
import { DiagnosisCard } from "./diagnosis-card";
import { formatLatency } from "./format";
import { Panel } from "./panel";

// The service user's organization, live: the name big enough to read across a desk, then the details.

type OrgLookup = ReturnType<typeof useOrgLookup>;

const STATES: Record<Org["state"], { label: string; tone: BadgeTone }> = {
  active: { label: "Active", tone: "success" },
  inactive: { label: "Inactive", tone: "warning" },
  removed: { label: "Removed", tone: "danger" },
  unspecified: { label: "Unspecified", tone: "neutral" },
  unknown: { label: "Unknown", tone: "neutral" },
};

/** The org of the last successful lookup on record, shown while the live one runs. */
export interface LastKnownOrg {
  name: string;
  id: string | null;
  at: string;
}

// "Look up now" in the header is the panel's one way to ask again, always live: the page's own lookups may show a
// recent answer (saying how old); the diagnosis and the error carry no second button.
export function OrgPanel({
  credentialId,
  lookup,
  lastKnown,
  sameCauseAs,
}: {
  credentialId: string;
  lookup: OrgLookup;
  lastKnown?: LastKnownOrg | null;
  /** The token test's diagnosis, when this lookup failed for the same reason: shown there, named here. */
  sameCauseAs?: Diagnosis;
}) {
  const { data, error, isLoading, isValidating, lastUpdated, isReused, refresh } = lookup;
  return (
    <Panel
      title="Organization"
      description="GET /management/v1/orgs/me with the credential's token"
      isBusy={isValidating}
      testId="org-panel"
      actions={
        <>
          <span className="text-xs text-zinc-500 dark:text-zinc-400" data-testid="org-looked-up">
            <UpdatedAgo at={lastUpdated} verb="looked up" />
            {isReused ? " (recent result)" : null}
          </span>
          <BusyButton size="sm" onClick={() => void refresh()} isBusy={isValidating}>
            Look up now
          </BusyButton>
        </>
      }
    >
      <p aria-live="polite" className="sr-only">
        {isValidating ? "Looking up the organization…" : data ? statusText(data) : ""}
      </p>
      {error ? (
        <ErrorState
          error={error}
          title={data ? "The last refresh failed; this is the previous answer" : "The organization could not be looked up"}
        />
      ) : null}
      {!data && isLoading && lastKnown ? <LastKnown org={lastKnown} /> : null}
      {!data && isLoading && !lastKnown ? <OrgSkeleton /> : null}
      {data?.outcome === "ok" && data.org ? <OrgDetails result={data} org={data.org} /> : null}
      {data?.outcome === "failed" && data.diagnosis && sameCauseAs ? (
        <p className="rounded-lg border border-zinc-200 p-4 text-sm dark:border-zinc-800" data-testid="org-same-cause">
          Failed for the same reason as the token test: <span className="font-medium">{sameCauseAs.title}</span>. The diagnosis and its fix
          are in the access token panel.
        </p>
      ) : null}
      {data?.outcome === "failed" && data.diagnosis && !sameCauseAs ? (
        <DiagnosisCard
          diagnosis={data.diagnosis}
          testId="org-diagnosis"
          fix={<FixItForMe credentialId={credentialId} code={data.diagnosis.code} />}
        />
      ) : null}
      {data?.tokenExpiresAt ? <TokenLine result={data} expiresAt={data.tokenExpiresAt} /> : null}
    </Panel>
  );
}

function statusText(result: OrgLookupResult): string {
  return result.org ? `Organization: ${result.org.name}.` : `Organization lookup failed: ${result.diagnosis?.title ?? "unknown error"}.`;
}

function OrgDetails({ result, org }: { result: OrgLookupResult; org: Org }) {
  const state = STATES[org.state];
  return (
    <div className="space-y-5">
      <div>
        <p className="text-3xl font-semibold tracking-tight break-words sm:text-4xl" data-testid="org-name">
          {org.name}
        </p>
        <div className="mt-2 flex flex-wrap items-center gap-2 text-sm">
          <Badge tone={state.tone}>{state.label}</Badge>
          <span className="text-zinc-600 dark:text-zinc-400">{org.primaryDomain}</span>
        </div>
      </div>
      <FactList>
        <Fact term="Organization ID" isWide>
          <span className="inline-flex flex-wrap items-center gap-1">
            <span className="font-mono" data-testid="org-id">
              {org.id}
            </span>
            <CopyButton value={org.id} label="Copy organization ID" />
          </span>
        </Fact>
        <Fact term="Created">{formatDateTime(org.creationDate)}</Fact>
        <Fact term="Changed">{formatDateTime(org.changeDate)}</Fact>
        <Fact term="Latency">{formatLatency(result.latencyMs)}</Fact>
      </FactList>
    </div>
  );
}

/** Which token the lookup used, and how long it lives: the countdown beside the org, as support reads them together. */
function TokenLine({ result, expiresAt }: { result: OrgLookupResult; expiresAt: string }) {
  return (
    <p className="flex flex-wrap items-center gap-x-3 gap-y-1 border-t border-zinc-100 pt-4 text-sm text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
      <Badge tone={result.tokenCached ? "neutral" : "accent"}>
        <span data-testid="org-token-source">{result.tokenCached ? "token cached" : "new token"}</span>
      </Badge>
      <span>
        token expires in <ExpiryCountdown expiresAt={expiresAt} />
      </span>
    </p>
  );
}

function LastKnown({ org }: { org: LastKnownOrg }) {
  return (
    <div className="space-y-2" data-testid="org-last-known">
      <p className="text-3xl font-semibold tracking-tight break-words text-zinc-500 sm:text-4xl dark:text-zinc-400" data-testid="org-name">
        {org.name}
      </p>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Last known, looked up <RelativeTime value={org.at} />; checking now…
      </p>
    </div>
  );
}

function OrgSkeleton() {
  return (
    <div className="space-y-4">
      <span className="sr-only">Looking up the organization…</span>
      <Skeleton className="h-9 w-64" />
      <Skeleton className="h-4 w-40" />
      <div className="grid grid-cols-2 gap-4">
        <Skeleton className="h-10" />
        <Skeleton className="h-10" />
        <Skeleton className="h-10" />
        <Skeleton className="h-10" />
      </div>
    </div>
  );
}
