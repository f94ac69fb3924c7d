"use client";

import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { auditSearch, useAudit, useOperatorNames, type AuditFilters as Filters } from "@/lib/client/use-audit";
import { useCredentials } from "@/lib/client/use-credentials";
import { AuditFilters } from "./audit-filters";
import { AuditTable, AuditTableSkeleton } from "./audit-table";

/** Every recorded action, newest first; narrowed by the filters, which are kept in the URL so a view can be shared. */
export function AuditLog({ initialFilters }: { initialFilters: Filters }) {
  const pathname = usePathname();
  const [filters, setFilters] = useState<Filters>(initialFilters);
  const audit = useAudit(filters);
  const credentials = useCredentials({ sort: "label", order: "asc", limit: 200 });
  const operators = useOperatorNames();

  useEffect(() => {
    const search = auditSearch(filters).toString();
    const url = search ? `${pathname}?${search}` : pathname;
    if (`${window.location.pathname}${window.location.search}` !== url) window.history.replaceState(null, "", url);
  }, [filters, pathname]);

  const isFiltered = Object.values(filters).some(Boolean);
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Who did what, when, and how it went. Entries cannot be changed or deleted.
        </p>
      </header>

      <AuditFilters filters={filters} onChange={setFilters} credentials={credentials.items} operators={operators} />

      <p aria-live="polite" className="sr-only">
        {audit.isLoading ? "Loading the audit log" : `${audit.total} entries`}
      </p>

      {audit.error && audit.events.length === 0 ? (
        <ErrorState error={audit.error} onRetry={() => void audit.retry()} title="The audit log could not be loaded" />
      ) : audit.isLoading ? (
        <AuditTableSkeleton />
      ) : audit.events.length === 0 ? (
        <EmptyState
          title={isFiltered ? "No entries match" : "Nothing recorded yet"}
          description={isFiltered ? "Widen or clear the filters." : "Changes to credentials and tests show up here."}
        />
      ) : (
        <>
          <AuditTable events={audit.events} />
          <div className="flex items-center justify-between text-sm text-zinc-600 dark:text-zinc-400">
            <span data-testid="audit-count">
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
