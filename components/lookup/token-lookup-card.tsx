import Link from "next/link";
import { HealthBadge } from "@/components/credentials/health-badge";
import { ClaimsTable } from "@/components/diagnostics/claims-table";
import { DiagnosisCard } from "@/components/diagnostics/diagnosis-card";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Fact, FactList } from "@/components/ui/fact-list";
import { formatDateTime } from "@/components/ui/time-format";
import type { TokenLookupResult } from "@/lib/schemas/lookup";

// The answer to a pasted token: whose it is, whether ZITADEL accepts it and why not, and what the console holds for it.

const ACCEPTED: Record<TokenLookupResult["accepted"], { label: string; tone: BadgeTone }> = {
  yes: { label: "Accepted", tone: "success" },
  no: { label: "Not accepted", tone: "danger" },
  unknown: { label: "Cannot tell", tone: "warning" },
};

const SIGNATURE: Record<TokenLookupResult["signature"], string> = {
  verified: "Verified with the issuer's keys",
  unverified: "Not verified",
  not_applicable: "Not a JWT: nothing to verify",
};

const NO_ORG = "Not in the token: it was requested without the urn:zitadel:iam:user:resourceowner scope.";

export function TokenLookupCard({ answer }: { answer: TokenLookupResult }) {
  const { subject, introspection } = answer;
  const accepted = ACCEPTED[answer.accepted];
  const isUnverified = answer.signature === "unverified";
  return (
    <section
      aria-labelledby="token-lookup-heading"
      data-testid="token-lookup-card"
      className="space-y-5 rounded-lg border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
    >
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="token-lookup-heading" className="text-lg font-semibold tracking-tight">
          {subject.username ?? subject.clientId ?? subject.userId ?? "Unknown service user"}
        </h2>
        <Badge tone={accepted.tone}>
          <span data-testid="token-lookup-accepted">{accepted.label}</span>
        </Badge>
      </div>
      <p className="text-sm" data-testid="token-lookup-verdict">
        {answer.verdict}
        {introspection.configured ? null : ` ${introspection.hint}`}
      </p>
      {introspection.configured && introspection.diagnosis ? <DiagnosisCard diagnosis={introspection.diagnosis} /> : null}
      <FactList>
        <Fact term="Service user">
          {subject.username ?? "—"}
          {subject.userId ? <span className="block font-mono text-xs text-zinc-500 dark:text-zinc-400">{subject.userId}</span> : null}
        </Fact>
        <Fact term="Organization">
          <span data-testid="token-lookup-org">{subject.orgName ?? (subject.orgId ? "" : NO_ORG)}</span>
          {subject.orgId ? <span className="block font-mono text-xs text-zinc-500 dark:text-zinc-400">{subject.orgId}</span> : null}
          {subject.orgDomain ? <span className="block text-xs text-zinc-500 dark:text-zinc-400">{subject.orgDomain}</span> : null}
        </Fact>
        <Fact term="Expires">{answer.expiresAt ? formatDateTime(answer.expiresAt) : "Not known"}</Fact>
        <Fact term="Signature">
          <span className={isUnverified ? "font-medium text-red-700 dark:text-red-300" : undefined}>{SIGNATURE[answer.signature]}</span>
          {answer.signatureNote ? <span className="block text-xs text-zinc-500 dark:text-zinc-400">{answer.signatureNote}</span> : null}
        </Fact>
        <Fact term="Issuer">
          <span className="break-all">{answer.issuer}</span>
        </Fact>
        <Fact term="Fingerprint">
          <code className="text-xs">{answer.fingerprint}</code>
        </Fact>
      </FactList>
      <RegisteredCredentials credentials={answer.credentials} />
      {answer.claims ? (
        <ClaimsTable claims={answer.claims} caption={isUnverified ? "Claims (unverified: do not trust)" : "Claims"} />
      ) : introspection.configured && introspection.claims ? (
        <ClaimsTable claims={introspection.claims} caption="What ZITADEL's introspection says" />
      ) : null}
    </section>
  );
}

export function RegisteredCredentials({ credentials }: { credentials: TokenLookupResult["credentials"] }) {
  if (credentials.length === 0) {
    return <p className="text-sm text-zinc-600 dark:text-zinc-400">No credential in this console is registered for this client.</p>;
  }
  return (
    <div>
      <h3 className="text-sm font-medium">Registered in this console</h3>
      <ul className="mt-2 space-y-2">
        {credentials.map((credential) => (
          <li key={credential.id} className="flex flex-wrap items-center gap-3">
            <Link href={`/credentials/${credential.id}`} className="text-sm font-medium text-indigo-700 underline dark:text-indigo-300">
              {credential.label}
            </Link>
            <HealthBadge health={credential.health} />
          </li>
        ))}
      </ul>
    </div>
  );
}
