"use client";

import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Select } from "@/components/ui/select";
import { useAudit } from "@/lib/client/use-audit";
import { useCredentials } from "@/lib/client/use-credentials";
import { AuditTable, AuditTableSkeleton } from "./audit-table";

/** Every recorded action, newest first; narrowed to one credential with the filter (kept in the URL). */
export function AuditLog({ initialCredentialId }: { initialCredentialId: string | null }) {
  const pathname = usePathname();
  const [credentialId, setCredentialId] = useState(initialCredentialId);
  const audit = useAudit(credentialId);
  const credentials = useCredentials({ sort: "label", order: "asc", limit: 200 });

  useEffect(() => {
    const url = credentialId ? `${pathname}?credentialId=${encodeURIComponent(credentialId)}` : pathname;
    if (`${window.location.pathname}${window.location.search}` !== url) window.history.replaceState(null, "", url);
  }, [credentialId, pathname]);

  const isKnownCredential = !credentialId || credentials.items.some((item) => item.id === credentialId);
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end gap-4">
        <div className="mr-auto">
          <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Who did what, when, and how it went. Entries cannot be changed or deleted.</p>
        </div>
        <div className="flex items-center gap-2">
          <label htmlFor="audit-credential" className="text-sm text-zinc-600 dark:text-zinc-400">
            Credential
          </label>
          <Select id="audit-credential" value={credentialId ?? ""} onChange={(event) => setCredentialId(event.target.value || null)} className="w-64">
            <option value="">All credentials</option>
            {!isKnownCredential && credentialId ? <option value={credentialId}>Deleted or unknown credential</option> : null}
            {credentials.items.map((item) => (
              <option key={item.id} value={item.id}>
                {item.label} ({item.clientId})
              </option>
            ))}
          </Select>
        </div>
      </header>

      <p aria-live="polite" className="sr-only">
        {audit.isLoading ? "Loading the audit log" : `${audit.total} entries`}
      </p>

      {audit.error && audit.events.length === 0 ? (
        <ErrorState error={audit.error} onRetry={() => void audit.retry()} title="The audit log could not be loaded" />
      ) : audit.isLoading ? (
        <AuditTableSkeleton />
      ) : audit.events.length === 0 ? (
        <EmptyState title="Nothing recorded yet" description={credentialId ? "No entries for this credential." : "Changes to credentials and tests show up here."} />
      ) : (
        <>
          <AuditTable events={audit.events} />
          <div className="flex items-center justify-between text-sm text-zinc-600 dark:text-zinc-400">
            <span>
              Showing {audit.events.length} of {audit.total}
            </span>
            {audit.hasMore ? (
              <Button onClick={() => void audit.loadMore()} isLoading={audit.isLoadingMore}>
                Load more
              </Button>
            ) : null}
          </div>
        </>
      )}
    </div>
  );
}
