"use client";

import { Breadcrumb } from "@/components/ui/breadcrumb";
import Link from "next/link";
import { notFound, usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { BadgeList } from "@/components/ui/badge-list";
import { Button, buttonClasses } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { ErrorState } from "@/components/ui/error-state";
import { Fact, FactList } from "@/components/ui/fact-list";
import { RelativeTime } from "@/components/ui/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import { ApiError } from "@/lib/api-error";
import { useCredential } from "@/lib/client/use-credential";
import { useMe } from "@/lib/client/use-me";
import type { CredentialDto } from "@/lib/schemas/credential";
import { issuerHost } from "./issuer-host";
import { DeleteCredentialDialog } from "./delete-credential-dialog";
import { ReplaceSecretDialog } from "./replace-secret-dialog";

import { describeSaved } from "./changed-fields";

type Notice = "created" | "updated" | "secret" | null;

export function CredentialDetail({ id, saved }: { id: string; saved?: "created" | "updated" }) {
  const router = useRouter();
  const pathname = usePathname();
  const { credential, error, isLoading, retry } = useCredential(id);
  const [dialog, setDialog] = useState<"secret" | "delete" | null>(null);
  const [notice, setNotice] = useState<Notice>(saved ?? null);
  const adminOnly = useMe().deniedReason("admin");
  const savedFields = useSearchParams().get("fields");
  const [changed] = useState(() => (savedFields ? savedFields.split(",") : []));

  // The notice came in the URL from the form; drop it so a reload does not repeat it.
  useEffect(() => {
    if (saved) window.history.replaceState(null, "", pathname);
  }, [saved, pathname]);

  if (error instanceof ApiError && error.status === 404) notFound();
  if (error && !credential) return <ErrorState error={error} onRetry={retry} />;
  if (isLoading || !credential) return <DetailSkeleton />;

  return (
    <div className="space-y-6">
      {/* On a phone the title takes the whole width and wraps, with the buttons below it: never cut behind them. */}
      <header className="flex flex-wrap items-start gap-4">
        <div className="w-full min-w-0 sm:w-auto sm:flex-1">
          <Breadcrumb steps={[{ href: "/credentials", label: "Credentials" }]} />
          <h1 className="mt-1 text-2xl font-semibold tracking-tight break-words">{credential.label}</h1>
          <p className="mt-1 text-sm break-words text-zinc-600 dark:text-zinc-400">
            <span className="font-mono break-all">{credential.clientId}</span> at {issuerHost(credential.issuer)}
          </p>
        </div>
        <div className="flex flex-wrap items-center justify-end gap-2">
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
            Replace secret
          </Button>
          <Button variant="danger" onClick={() => setDialog("delete")} disabledReason={adminOnly}>
            Delete
          </Button>
        </div>
      </header>

      <div aria-live="polite">
        {notice === "updated" ? <Alert tone="success" title={describeSaved(changed)} /> : null}
        {notice === "created" || notice === "secret" ? (
          <Alert tone="success" title={notice === "created" ? "Credential registered." : "Secret replaced."}>
            The {notice === "secret" ? "new " : ""}secret is stored encrypted; M2M Console shows only{" "}
            <span className="font-mono">{credential.secretHint ?? "—"}</span> from now on.
          </Alert>
        ) : null}
      </div>

      <CredentialFacts credential={credential} showsAuditLink={!adminOnly} />

      <ReplaceSecretDialog
        credential={credential}
        open={dialog === "secret"}
        onClose={() => setDialog(null)}
        onReplaced={() => {
          setDialog(null);
          setNotice("secret");
        }}
      />
      <DeleteCredentialDialog
        credential={credential}
        open={dialog === "delete"}
        onClose={() => setDialog(null)}
        onDeleted={() => router.push(`/credentials?deleted=${encodeURIComponent(credential.label)}`)}
      />
    </div>
  );
}

function CredentialFacts({ credential, showsAuditLink }: { credential: CredentialDto; showsAuditLink: boolean }) {
  return (
    <section aria-label="Credential" className="rounded-lg border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      {/* Two columns on wide screens, so the diagnostics below start within the first screen. */}
      <FactList layout="rows">
        <Fact term="Issuer">
          <span className="font-mono text-sm break-all">{credential.issuer}</span>
        </Fact>
        <Fact term="Client ID">
          <span className="inline-flex flex-wrap items-center gap-1">
            <span className="font-mono text-sm break-all" data-testid="credential-client-id">
              {credential.clientId}
            </span>
            <CopyButton value={credential.clientId} label="Copy client ID" />
          </span>
        </Fact>
        <Fact term="Secret">
          {credential.hasSecret ? (
            <span data-testid="credential-secret-hint">
              <span className="font-mono">{credential.secretHint}</span>
              {credential.secretUpdatedAt ? (
                <>
                  , set <RelativeTime value={credential.secretUpdatedAt} />
                </>
              ) : null}
            </span>
          ) : (
            <span className="text-amber-700 dark:text-amber-400">No secret stored</span>
          )}
        </Fact>
        <Fact term="Client authentication">
          {credential.authMethod === "basic" ? "HTTP Basic (client_secret_basic)" : "POST body (client_secret_post)"}
        </Fact>
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
        <Fact term="Scopes" isWide>
          <BadgeList items={credential.scopes.split(" ")} label="Scopes" isCode />
        </Fact>
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

function Muted({ children }: { children: ReactNode }) {
  return <span className="text-zinc-500 dark:text-zinc-400">{children}</span>;
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
