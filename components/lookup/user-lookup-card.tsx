import { DiagnosisCard } from "@/components/diagnostics/diagnosis-card";
import { ActionResult } from "@/components/provisioning/action-result";
import { FixItForMe } from "@/components/provisioning/lazy-fix-it";
import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Fact, FactList } from "@/components/ui/fact-list";
import { formatDateTime } from "@/components/ui/time-format";
import { useNow } from "@/components/ui/use-now";
import type { LookedUpUser, UserKeyInfo, UserLookupResult } from "@/lib/schemas/lookup";
import { RegisteredCredentials } from "./token-lookup-card";

// The answer about one service user: who it is and where, what ZITADEL holds for it, what is wrong, and its
// credentials here. A list ZITADEL would not give says so instead of looking empty.

const STATE: Record<LookedUpUser["state"], { label: string; tone: BadgeTone }> = {
  active: { label: "Active", tone: "success" },
  inactive: { label: "Deactivated", tone: "danger" },
  locked: { label: "Locked", tone: "danger" },
  other: { label: "Unknown state", tone: "warning" },
};

export function UserLookupCard({ answer }: { answer: UserLookupResult }) {
  const { user } = answer;
  return (
    <section
      aria-labelledby="user-lookup-card-heading"
      data-testid="user-lookup-card"
      className="space-y-5 rounded-lg border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
    >
      <div className="flex flex-wrap items-center gap-2">
        <h3 id="user-lookup-card-heading" data-testid="user-lookup-name" className="text-lg font-semibold tracking-tight break-all">
          {user?.loginName ?? answer.query}
        </h3>
        {user ? (
          <Badge tone={STATE[user.state].tone}>
            <span data-testid="user-lookup-state">{STATE[user.state].label}</span>
          </Badge>
        ) : null}
      </div>
      {answer.note ? (
        <Alert
          tone={answer.outcome === "not_asked" ? "info" : "warning"}
          title={answer.outcome === "not_found" ? "Not found" : "Not read in ZITADEL"}
        >
          <span data-testid="user-lookup-note">{answer.note}</span>
        </Alert>
      ) : null}
      {answer.outcome === "failed" && answer.problem ? <DiagnosisCard diagnosis={answer.problem} /> : null}
      {user ? <UserFacts user={user} answer={answer} /> : null}
      {user ? <Findings answer={answer} /> : null}
      <RegisteredCredentials credentials={answer.credentials} />
    </section>
  );
}

function UserFacts({ user, answer }: { user: LookedUpUser; answer: UserLookupResult }) {
  return (
    <>
      <FactList>
        <Fact term="User ID">
          <code className="text-xs" data-testid="user-lookup-id">
            {user.id}
          </code>
        </Fact>
        <Fact term="Organization">
          <span data-testid="user-lookup-org">{user.org?.name ?? "Not readable"}</span>
          {user.org ? <span className="block font-mono text-xs text-zinc-500 dark:text-zinc-400">{user.org.id}</span> : null}
          {user.org?.primaryDomain ? (
            <span className="block text-xs text-zinc-500 dark:text-zinc-400">{user.org.primaryDomain}</span>
          ) : null}
        </Fact>
        <Fact term="Client secret">{user.isMachine ? (user.hasSecret ? "Has one" : "None") : "A human user has none"}</Fact>
        <Fact term="Keys">
          <Expiring items={user.keys} none="No key" />
        </Fact>
        <Fact term="Personal access tokens">
          <Expiring items={user.pats} none="No token" />
        </Fact>
        <Fact term="Manager roles">
          {user.memberships === null ? (
            "Not readable"
          ) : user.memberships.length === 0 ? (
            <span data-testid="user-lookup-roles">None</span>
          ) : (
            <ul data-testid="user-lookup-roles">
              {user.memberships.map((membership, index) => (
                <li key={`${membership.scope}-${membership.id ?? index}`}>
                  {membership.roles.join(", ")}{" "}
                  <span className="text-xs text-zinc-500 dark:text-zinc-400">
                    in {membership.scope === "instance" ? "the instance" : (membership.name ?? membership.id)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Fact>
        <Fact term="Project grants">
          {user.grants === null ? (
            "Not readable"
          ) : user.grants.length === 0 ? (
            "None"
          ) : (
            <ul>
              {user.grants.map((grant) => (
                <li key={grant.id}>
                  {grant.roles.join(", ") || "No role"}{" "}
                  <span className="text-xs text-zinc-500 dark:text-zinc-400">
                    on {grant.projectName ?? `project ${grant.projectId ?? "?"}`}
                    {grant.isActive ? "" : " (deactivated)"}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Fact>
        <Fact term="Read as">{answer.authority?.label ?? "—"}</Fact>
      </FactList>
      {user.unread.length > 0 ? (
        <ul className="space-y-1 text-sm text-zinc-600 dark:text-zinc-400">
          {user.unread.map((item) => (
            <li key={item.what}>
              Could not read {item.what}: {item.diagnosis.title}.
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

function Expiring({ items, none }: { items: UserKeyInfo[] | null; none: string }) {
  const now = useNow();
  if (items === null) return <>Not readable</>;
  if (items.length === 0) return <>{none}</>;
  return (
    <ul>
      {items.map((item) => {
        const isExpired = now > 0 && item.expiresAt !== null && Date.parse(item.expiresAt) <= now;
        return (
          <li key={item.id}>
            <code className="text-xs">{item.id}</code>{" "}
            <span className={isExpired ? "text-xs font-medium text-red-700 dark:text-red-300" : "text-xs text-zinc-500 dark:text-zinc-400"}>
              {item.expiresAt ? `${isExpired ? "expired" : "expires"} ${formatDateTime(item.expiresAt)}` : "no expiry"}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

// A fix runs on a registered credential (its issuer, its org, its re-run check): a client-secret one where there is one.
function fixTarget(answer: UserLookupResult): string | null {
  const credential = answer.credentials.find((item) => item.kind === "client_secret") ?? answer.credentials[0];
  return credential?.id ?? null;
}

function Findings({ answer }: { answer: UserLookupResult }) {
  const target = fixTarget(answer);
  if (answer.findings.length === 0) {
    return (
      <p className="text-sm" data-testid="user-lookup-healthy">
        Nothing wrong found in what ZITADEL showed.
      </p>
    );
  }
  return (
    <div className="space-y-3" data-testid="user-lookup-findings">
      {target ? <ActionResult credentialId={target} /> : null}
      {answer.findings.map((finding) => (
        <DiagnosisCard
          key={finding.code}
          diagnosis={finding}
          fix={target ? <FixItForMe credentialId={target} code={finding.code} /> : null}
        />
      ))}
      {target ? null : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Register a credential for this service user to have the console fix what it can (&ldquo;Fix it for me&rdquo;) and check it again.
        </p>
      )}
    </div>
  );
}
