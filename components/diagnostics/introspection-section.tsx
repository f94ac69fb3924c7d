"use client";

import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { BadgeList } from "@/components/ui/badge-list";
import { ErrorState } from "@/components/ui/error-state";
import { Fact, FactList } from "@/components/ui/fact-list";
import { formatDateTime } from "@/components/ui/time-format";
import { useCredential } from "@/lib/client/use-credential";
import { useIntrospection } from "@/lib/client/use-introspection";
import { useMe } from "@/lib/client/use-me";
import { buildIntrospectionReportJson, buildIntrospectionReportMarkdown } from "@/lib/reports/introspection-report";
import type { IntrospectionResult } from "@/lib/schemas/introspection";
import { BusyButton } from "./busy-button";
import { DiagnosisCard } from "./diagnosis-card";
import { formatLatency } from "./format";
import { SubHeading } from "./panel";
import { ShareReportMenu } from "./share-report-menu";

// Only ZITADEL can read an opaque token or a PAT: introspection asks it whether the token is active and what it
// carries, through the introspection client an admin configured for the issuer.

interface IntrospectionSectionProps {
  credentialId: string;
  /** "Needs the operator role" when this operator may not ask ZITADEL. */
  operatorOnly: string | null;
  /** Null for an admin, who gets a link to configure a missing introspection client. */
  adminOnly: string | null;
  what: "token" | "pat";
}

export function IntrospectionSection({ credentialId, operatorOnly, adminOnly, what }: IntrospectionSectionProps) {
  const { answer, error, isRunning, run } = useIntrospection(credentialId);
  const { credential } = useCredential(credentialId);
  const { me } = useMe();
  return (
    <div className="space-y-3 border-t border-zinc-100 pt-5 dark:border-zinc-800" data-testid="introspection">
      <div className="flex flex-wrap items-center gap-3">
        <div className="min-w-0 flex-1 basis-56">
          <SubHeading>Introspection</SubHeading>
          <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">
            {what === "pat" ? "A personal access token is opaque" : "This token is opaque"}: ask ZITADEL whether it is active and what it
            carries.
            {operatorOnly ? (
              <span className="mt-0.5 block text-xs text-zinc-500 dark:text-zinc-400">{operatorOnly} to introspect.</span>
            ) : null}
          </p>
        </div>
        <BusyButton onClick={() => void run()} isBusy={isRunning} disabledReason={operatorOnly}>
          Introspect
        </BusyButton>
      </div>
      <p aria-live="polite" className="sr-only">
        {isRunning ? "Asking ZITADEL about the token…" : answer ? statusText(answer) : ""}
      </p>
      {error && !isRunning ? <ErrorState error={error} title="The introspection could not run" onRetry={() => void run()} /> : null}
      {answer && !error ? (
        <IntrospectionResult answer={answer} adminOnly={adminOnly} onRetry={() => void run()} isRetrying={isRunning} />
      ) : null}
      {answer?.configured && !error && credential ? (
        <ShareReportMenu
          what="This introspection"
          fileBase={`${credential.label}-introspection`}
          report={() => {
            const input = { credential, result: answer, by: me?.name ?? "an operator", now: new Date() };
            return { markdown: buildIntrospectionReportMarkdown(input), json: buildIntrospectionReportJson(input) };
          }}
          link={null}
          testId="share-introspection-report"
        />
      ) : null}
    </div>
  );
}

function statusText(answer: IntrospectionResult): string {
  if (!answer.configured) return "No introspection client is configured for this issuer.";
  if (answer.outcome === "active") return "ZITADEL says the token is active.";
  if (answer.outcome === "inactive") return "ZITADEL says the token is not active.";
  return `The introspection failed: ${answer.diagnosis?.title ?? "unknown error"}.`;
}

interface ResultProps {
  answer: IntrospectionResult;
  adminOnly: string | null;
  onRetry: () => void;
  isRetrying: boolean;
}

function IntrospectionResult({ answer, adminOnly, onRetry, isRetrying }: ResultProps) {
  if (!answer.configured) {
    return (
      <p
        className="rounded-lg border border-dashed border-zinc-300 px-4 py-3 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400"
        data-testid="introspection-not-configured"
      >
        No introspection client is set up for this issuer, so M2M Console cannot ask ZITADEL about the token.{" "}
        {adminOnly ? (
          "An admin can add one: an API application of the issuer, with its client secret or key file."
        ) : (
          <Link href="/settings/introspection" className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">
            Add an introspection client
          </Link>
        )}
      </p>
    );
  }
  const meta = (
    <span className="text-sm text-zinc-600 dark:text-zinc-400">
      {answer.httpStatus !== null ? `HTTP ${answer.httpStatus}` : "HTTP —"} · {formatLatency(answer.latencyMs)}
    </span>
  );
  if (answer.outcome === "failed" || !answer.claims) {
    return (
      <div className="space-y-3" data-testid="introspection-result" data-outcome={answer.outcome}>
        {answer.diagnosis ? (
          <DiagnosisCard diagnosis={answer.diagnosis} onRetry={onRetry} isRetrying={isRetrying} testId="introspection-diagnosis" />
        ) : (
          <p className="text-sm">The introspection failed. {meta}</p>
        )}
      </div>
    );
  }
  const isActive = answer.outcome === "active";
  return (
    <div className="space-y-4" data-testid="introspection-result" data-outcome={answer.outcome}>
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={isActive ? "success" : "danger"}>
          <span data-testid="introspection-active">{isActive ? "Active" : "Not active"}</span>
        </Badge>
        {meta}
      </div>
      {!isActive && answer.diagnosis ? (
        <DiagnosisCard diagnosis={answer.diagnosis} onRetry={onRetry} isRetrying={isRetrying} testId="introspection-diagnosis" />
      ) : null}
      {isActive ? <IntrospectionClaims claims={answer.claims} /> : null}
    </div>
  );
}

type Claims = NonNullable<Extract<IntrospectionResult, { configured: true }>["claims"]>;

function IntrospectionClaims({ claims }: { claims: Claims }) {
  return (
    <FactList>
      <Fact term="Subject">
        <span className="font-mono text-sm break-all">{claims.sub ?? "—"}</span>
        {claims.username ? <span className="block text-xs text-zinc-500 dark:text-zinc-400">{claims.username}</span> : null}
      </Fact>
      <Fact term="Client ID">
        <span className="font-mono text-sm break-all">{claims.clientId ?? "—"}</span>
      </Fact>
      <Fact term="Audience">
        <BadgeList items={audienceOf(claims.aud)} label="Introspected audience" empty="None" isCode />
      </Fact>
      <Fact term="Scope">
        <BadgeList items={claims.scope ? claims.scope.split(" ") : []} label="Introspected scope" empty="None" isCode />
      </Fact>
      <Fact term="Expires">
        <span data-testid="introspection-expires">{timeOf(claims.exp)}</span>
      </Fact>
      <Fact term="Issued">{timeOf(claims.iat)}</Fact>
      <Fact term="Organization ID">
        <span className="font-mono text-sm break-all">{claims.resourceOwnerId ?? "—"}</span>
      </Fact>
      <Fact term="Token type">
        <span className="font-mono text-sm">{claims.tokenType ?? "—"}</span>
      </Fact>
    </FactList>
  );
}

function audienceOf(aud: Claims["aud"]): string[] {
  if (aud === undefined || aud === null) return [];
  return Array.isArray(aud) ? aud : [aud];
}

/** Introspection speaks in seconds since the epoch. */
function timeOf(value: number | undefined | null): string {
  return typeof value === "number" ? formatDateTime(value * 1000) : "—";
}
