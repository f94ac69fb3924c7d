"use client";

import dynamic from "next/dynamic";
import Link from "next/link";
import { notFound, usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState, type ReactNode } from "react";
import { ActionResult } from "@/components/provisioning/action-result";
import { Alert } from "@/components/ui/alert";
import { BadgeList } from "@/components/ui/badge-list";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { Button, buttonClasses } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { ErrorState } from "@/components/ui/error-state";
import { Fact, FactList } from "@/components/ui/fact-list";
import { RelativeTime } from "@/components/ui/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDateTime } from "@/components/ui/time-format";
import { ApiError } from "@/lib/api-error";
import { useCredential } from "@/lib/client/use-credential";
import { useMe } from "@/lib/client/use-me";
import { KIND_LABELS } from "@/lib/credential-kind-labels";
import type { CredentialDto } from "@/lib/schemas/credential";
import { describeSaved } from "./changed-fields";
import { ExpiryBadge, KindBadge, MATERIAL } from "./credential-kind";
import { HealthSummary } from "./health-summary";
import { issuerHost } from "./issuer-host";
import { serviceUserIdentity } from "./service-user";

type Notice = "created" | "updated" | "secret" | null;
type DialogName = "secret" | "rotate" | "delete";

// The dialogs (and the form and schema library the secret one needs) load when first opened, not with the page.
const ReplaceSecretDialog = dynamic(() => import("./replace-secret-dialog").then((loaded) => loaded.ReplaceSecretDialog), {
  loading: DialogPending,
});
const RotateSecretDialog = dynamic(
  () => import("@/components/provisioning/rotate-secret-dialog").then((loaded) => loaded.RotateSecretDialog),
  { loading: DialogPending },
);
const DeleteCredentialDialog = dynamic(() => import("./delete-credential-dialog").then((loaded) => loaded.DeleteCredentialDialog), {
  loading: DialogPending,
});

export function CredentialDetail({ id, saved }: { id: string; saved?: "created" | "updated" }) {
  const router = useRouter();
  const pathname = usePathname();
  const { credential, error, isLoading, retry } = useCredential(id);
  const [dialog, setDialogState] = useState<DialogName | null>(null);
  // A dialog stays mounted once opened, so closing it hands focus back to the button that opened it.
  const [opened, setOpened] = useState<ReadonlySet<DialogName>>(() => new Set());
  const setDialog = (name: DialogName | null) => {
    if (name) setOpened((current) => (current.has(name) ? current : new Set([...current, name])));
    setDialogState(name);
  };
  const [notice, setNotice] = useState<Notice>(saved ?? null);
  const adminOnly = useMe().deniedReason("admin");
  const savedFields = useSearchParams().get("fields");
  const [changed] = useState(() => (savedFields ? savedFields.split(",") : []));

  // The notice came in the URL from the form; drop it so a reload does not repeat it.
  useEffect(() => {
    if (saved) window.history.replaceState(null, "", pathname);
  }, [saved, pathname]);

  if (error instanceof ApiError && error.status === 404) notFound();
  if (error && !credential) return <ErrorState error={error} onRetry={() => void retry()} />;
  if (isLoading || !credential) return <DetailSkeleton />;

  return (
    // Below lg its parts join the page's column, so the page can put the diagnostics before the facts.
    <div className="max-lg:contents lg:space-y-6">
      {/* On a phone the title takes the whole width and wraps, with the buttons below it: never cut behind them. */}
      <header className="flex flex-wrap items-start gap-4">
        <div className="w-full min-w-0 sm:w-auto sm:flex-1">
          <Breadcrumb steps={[{ href: "/credentials", label: "Credentials" }]} />
          <h1 className="mt-1 text-2xl font-semibold tracking-tight break-words">{credential.label}</h1>
          <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm break-words text-zinc-600 dark:text-zinc-400">
            <KindBadge kind={credential.kind} />
            <ExpiryBadge expiry={credential.expiry} expiresAt={credential.expiresAt} />
            <span className="min-w-0">
              {credential.kind === "pat" ? "A personal access token" : null}
              {credential.kind === "pat" && credential.serviceUser ? " of " : null}
              {credential.kind === "jwt_profile" && !credential.serviceUser ? "User " : null}
              {credential.kind === "pat" && !credential.serviceUser ? null : (
                <span className="font-mono break-all" data-testid="credential-title-user">
                  {serviceUserIdentity(credential).name ?? credential.clientId}
                </span>
              )}{" "}
              at {issuerHost(credential.issuer)}
            </span>
          </p>
          {credential.health ? <HealthSummary health={credential.health} /> : null}
        </div>
        <div className="flex flex-wrap items-center justify-end gap-2">
          <Link href={`/credentials/${id}/present`} className={buttonClasses("secondary")}>
            Present
          </Link>
          {adminOnly ? (
            <>
              <p className="w-full text-right text-xs text-zinc-500 dark:text-zinc-400" data-testid="admin-only-note">
                {adminOnly} to change or delete it.
              </p>
              <Button disabledReason={adminOnly}>Edit</Button>
            </>
          ) : (
            <Link href={`/credentials/${id}/edit`} className={buttonClasses("secondary")}>
              Edit
            </Link>
          )}
          <Button onClick={() => setDialog("secret")} disabledReason={adminOnly}>
            {MATERIAL[credential.kind].title}
          </Button>
          {/* Only a client secret can be made by ZITADEL; the action is an admin's, and absent for anyone else. */}
          {credential.kind === "client_secret" && !adminOnly ? (
            <Button onClick={() => setDialog("rotate")}>Rotate secret in ZITADEL</Button>
          ) : null}
          <Button variant="danger" onClick={() => setDialog("delete")} disabledReason={adminOnly}>
            Delete
          </Button>
        </div>
      </header>

      <div aria-live="polite">
        {notice === "updated" ? <Alert tone="success" title={describeSaved(changed)} /> : null}
        {notice === "created" || notice === "secret" ? <SavedNotice credential={credential} isReplaced={notice === "secret"} /> : null}
      </div>

      <ActionResult credentialId={id} />

      <CredentialFacts credential={credential} showsAuditLink={!adminOnly} />

      {opened.has("secret") ? (
        <ReplaceSecretDialog
          credential={credential}
          open={dialog === "secret"}
          onClose={() => setDialog(null)}
          onReplaced={() => {
            setDialog(null);
            setNotice("secret");
          }}
        />
      ) : null}
      {opened.has("rotate") && credential.kind === "client_secret" && !adminOnly ? (
        <RotateSecretDialog credential={credential} open={dialog === "rotate"} onClose={() => setDialog(null)} />
      ) : null}
      {opened.has("delete") ? (
        <DeleteCredentialDialog
          credential={credential}
          open={dialog === "delete"}
          onClose={() => setDialog(null)}
          onDeleted={() => router.push(`/credentials?deleted=${encodeURIComponent(credential.label)}`)}
        />
      ) : null}
    </div>
  );
}

function CredentialFacts({ credential, showsAuditLink }: { credential: CredentialDto; showsAuditLink: boolean }) {
  return (
    <section
      aria-label="Credential"
      className="rounded-lg border border-zinc-200 bg-white shadow-sm max-lg:order-last dark:border-zinc-800 dark:bg-zinc-900"
    >
      {/* Two columns on wide screens, so the diagnostics below start within the first screen. */}
      <FactList layout="rows">
        <Fact term="Issuer">
          <span className="font-mono text-sm break-all">{credential.issuer}</span>
        </Fact>
        <Fact term="Kind">{KIND_LABELS[credential.kind].long}</Fact>
        {credential.kind === "client_secret" ? <SecretFacts credential={credential} /> : null}
        {credential.kind === "jwt_profile" ? <KeyFacts credential={credential} /> : null}
        {credential.kind === "pat" ? <TokenFacts credential={credential} /> : null}
        <Fact term="Organization ID">
          {credential.orgId ? (
            <span className="font-mono text-sm">{credential.orgId}</span>
          ) : (
            <Muted>The service user&apos;s own organization</Muted>
          )}
        </Fact>
        <Fact term="Tags">
          <BadgeList items={credential.tags} label="Tags" tone="accent" empty="No tags" />
        </Fact>
        {/* A PAT asks for no token, so it has no scopes. */}
        {credential.kind === "pat" ? null : (
          <Fact term="Scopes" isWide>
            <BadgeList items={credential.scopes.split(" ")} label="Scopes" isCode />
          </Fact>
        )}
        <Fact term="Notes" isWide>
          {credential.notes ? <p className="text-sm whitespace-pre-wrap">{credential.notes}</p> : <Muted>No notes</Muted>}
        </Fact>
        <Fact term="History" isWide>
          <span className="text-sm text-zinc-600 dark:text-zinc-400">
            Registered <RelativeTime value={credential.createdAt} /> by {credential.createdBy} · updated{" "}
            <RelativeTime value={credential.updatedAt} /> · version {credential.version}
            {showsAuditLink ? (
              <>
                {" · "}
                <Link
                  href={`/audit?credentialId=${credential.id}`}
                  className="font-medium text-indigo-600 hover:underline dark:text-indigo-400"
                >
                  Audit log
                </Link>
              </>
            ) : null}
          </span>
        </Fact>
      </FactList>
    </section>
  );
}

function SecretFacts({ credential }: { credential: CredentialDto }) {
  return (
    <>
      <Fact term="Client ID">
        <span className="inline-flex flex-wrap items-center gap-1">
          <span className="font-mono text-sm break-all" data-testid="credential-client-id">
            {credential.clientId}
          </span>
          <CopyButton value={credential.clientId} label="Copy client ID" />
        </span>
      </Fact>
      <Fact term="Secret">
        <StoredHint credential={credential} none="No secret stored" />
      </Fact>
      <Fact term="Client authentication">
        {credential.authMethod === "basic" ? "HTTP Basic (client_secret_basic)" : "POST body (client_secret_post)"}
      </Fact>
    </>
  );
}

/** A key file's public facts: whose key, which key, its public key's fingerprint and until when ZITADEL accepts it. */
function KeyFacts({ credential }: { credential: CredentialDto }) {
  const key = credential.key;
  return (
    <>
      <ServiceUserFact credential={credential} />
      <Fact term="User ID">
        <span className="inline-flex flex-wrap items-center gap-1">
          <span className="font-mono text-sm break-all" data-testid="credential-client-id">
            {key?.userId ?? credential.clientId}
          </span>
          <CopyButton value={key?.userId ?? credential.clientId} label="Copy user ID" />
        </span>
      </Fact>
      <Fact term="Key ID">
        {key ? (
          <span className="font-mono text-sm break-all" data-testid="credential-key-id">
            {key.keyId}
          </span>
        ) : (
          <span className="text-amber-700 dark:text-amber-400">No key stored</span>
        )}
      </Fact>
      <Fact term="Key fingerprint">
        {key ? (
          <span className="font-mono text-xs break-all" data-testid="credential-key-fingerprint">
            {key.fingerprint}
          </span>
        ) : (
          <Muted>—</Muted>
        )}
        <span className="block text-xs text-zinc-500 dark:text-zinc-400">SHA-256 of the public key; the private key is never shown.</span>
      </Fact>
      <Fact term="Key expires">
        <ExpiryFact credential={credential} unknown="The key file states no expiry" />
      </Fact>
    </>
  );
}

function TokenFacts({ credential }: { credential: CredentialDto }) {
  return (
    <>
      <ServiceUserFact credential={credential} />
      <Fact term="Token">
        <StoredHint credential={credential} none="No token stored" />
      </Fact>
      <Fact term="Token expires">
        <ExpiryFact credential={credential} unknown="Not known yet: an introspection tells it" />
      </Fact>
    </>
  );
}

function StoredHint({ credential, none }: { credential: CredentialDto; none: string }) {
  if (!credential.hasSecret) return <span className="text-amber-700 dark:text-amber-400">{none}</span>;
  return (
    <span data-testid="credential-secret-hint">
      <span className="font-mono">{credential.secretHint ?? "stored"}</span>
      {credential.secretUpdatedAt ? (
        <>
          , set <RelativeTime value={credential.secretUpdatedAt} />
        </>
      ) : null}
    </span>
  );
}

function ExpiryFact({ credential, unknown }: { credential: CredentialDto; unknown: string }) {
  if (!credential.expiresAt) return <Muted>{unknown}</Muted>;
  return (
    <span className="inline-flex flex-wrap items-center gap-2" data-testid="credential-expires-at">
      <span>{formatDateTime(credential.expiresAt)}</span>
      <ExpiryBadge expiry={credential.expiry} expiresAt={credential.expiresAt} />
    </span>
  );
}

function SavedNotice({ credential, isReplaced }: { credential: CredentialDto; isReplaced: boolean }) {
  const noun = MATERIAL[credential.kind].noun;
  const title = isReplaced ? `${noun[0]!.toUpperCase()}${noun.slice(1)} replaced.` : "Credential registered.";
  return (
    <Alert tone="success" title={title}>
      {credential.kind === "jwt_profile" ? (
        <>
          The {isReplaced ? "new " : ""}private key is stored encrypted and never shown; M2M Console shows key{" "}
          <span className="font-mono">{credential.key?.keyId ?? "—"}</span> and its fingerprint.
        </>
      ) : (
        <>
          The {isReplaced ? "new " : ""}
          {noun} is stored encrypted; M2M Console shows only <span className="font-mono">{credential.secretHint ?? "—"}</span> from now on.
        </>
      )}
    </Alert>
  );
}

function Muted({ children }: { children: ReactNode }) {
  return <span className="text-zinc-500 dark:text-zinc-400">{children}</span>;
}

/** While a dialog's code loads on its first opening: said to screen readers, nothing on screen moves. */
function DialogPending() {
  return (
    <p role="status" className="sr-only">
      Opening…
    </p>
  );
}

function DetailSkeleton() {
  return (
    <div aria-busy="true" className="space-y-6">
      <span className="sr-only">Loading the credential…</span>
      <div className="space-y-2">
        <Skeleton className="h-4 w-24" />
        <Skeleton className="h-8 w-72" />
        <Skeleton className="h-4 w-56" />
      </div>
      <Skeleton className="h-80 w-full" />
    </div>
  );
}

/** A key's or PAT's service user by login name, once ZITADEL named it in a check. */
function ServiceUserFact({ credential }: { credential: CredentialDto }) {
  return (
    <Fact term="Service user">
      {credential.serviceUser ? (
        <span className="font-mono text-sm break-all" data-testid="credential-service-user">
          {credential.serviceUser}
        </span>
      ) : (
        <Muted>Not known yet: a successful token test or organization lookup names it</Muted>
      )}
    </Fact>
  );
}
