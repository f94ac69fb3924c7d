"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { RunToolbar } from "@/components/runs/run-toolbar";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { useCredentialCounts, useCredentials, useCredentialTags } from "@/lib/client/use-credentials";
import { useIssuers } from "@/lib/client/use-issuers";
import { useMe } from "@/lib/client/use-me";
import type { CredentialListItem } from "@/lib/schemas/credential";
import type { HealthCounts } from "@/lib/schemas/health";
import { CredentialFilters } from "./credential-filters";
import { CredentialTable, CredentialTableSkeleton, type RowSelection } from "./credential-table";
import { HealthCountsBar } from "./health-counts";
import { IssuerOutages } from "./issuer-outages";
import { filterQuery, listStateSearch, sortQuery, type ListState } from "./list-state";
import { groupByOrg } from "./org-groups";

const PAGE_SIZE = 25;
const SEARCH_DELAY_MS = 250;

/** The export of what the list shows: its search, filters and order, as GET /api/credentials takes them. */
function exportUrl(format: "json" | "csv", state: ListState): string {
  const params = new URLSearchParams({ format });
  if (state.search) params.set("search", state.search);
  for (const [name, value] of Object.entries(filterQuery(state))) if (value) params.set(name, value);
  const { sort, order } = sortQuery(state.sort);
  if (sort) params.set("sort", sort);
  if (order) params.set("order", order);
  return `/api/credentials/export?${params.toString()}`;
}

export function CredentialsList({ initial, deletedLabel }: { initial: ListState; deletedLabel?: string }) {
  const pathname = usePathname();
  const [state, setState] = useState(initial);
  const search = useDebounced(state.search.trim(), SEARCH_DELAY_MS);
  const filters = { search: search || undefined, ...filterQuery(state) };
  const list = useCredentials({ ...filters, ...sortQuery(state.sort), limit: PAGE_SIZE });
  const { counts, retry: retryCounts } = useCredentialCounts(filters);
  const { tags } = useCredentialTags();
  const issuers = useIssuers();
  const [deleted] = useState(deletedLabel);
  const me = useMe();
  const adminOnly = me.deniedReason("admin");
  // Picked for "Test selected" (operators and admins only: a viewer cannot start a run).
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const selection: RowSelection | undefined = me.deniedReason("operator")
    ? undefined
    : {
        selected,
        onToggle: (id, isSelected) =>
          setSelected((current) => {
            const next = new Set(current);
            if (isSelected) next.add(id);
            else next.delete(id);
            return next;
          }),
      };

  // Keep the filters in the URL so a reload or a shared link shows the same list (no server round trip).
  useEffect(() => {
    const query = listStateSearch({ ...state, search });
    if (window.location.search.replace(/^\?/, "") !== query)
      window.history.replaceState(null, "", query ? `${pathname}?${query}` : pathname);
  }, [search, state, pathname]);

  const isFiltered = Boolean(search || state.tag || state.status || state.org || state.issuer);
  const update = (patch: Partial<ListState>) => setState((current) => ({ ...current, ...patch }));
  const hasNone = !list.isLoading && !list.error && list.items.length === 0;

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-center gap-3">
        <div className="mr-auto">
          <h1 className="text-2xl font-semibold tracking-tight">Credentials</h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            ZITADEL service users whose client credentials M2M Console can test.
          </p>
        </div>
        <RegistryActions adminOnly={adminOnly} exportState={{ ...state, search }} />
      </header>

      {deleted ? <Alert tone="success" title={`Deleted “${deleted}”.`} /> : null}

      <IssuerOutages outages={counts?.issuerOutages ?? []} onShow={(issuer) => update({ issuer, status: "issuer_unavailable" })} />

      <RunToolbar
        filter={filters}
        isFiltered={isFiltered}
        selectedIds={[...selected]}
        onSelectionUsed={() => setSelected(new Set())}
        onResults={() => {
          void list.retry();
          void retryCounts();
        }}
      />

      {hasNone && !isFiltered ? null : (
        <>
          <HealthCountsBar
            counts={counts}
            status={state.status ?? null}
            onStatus={(status) => update({ status })}
            org={state.org ?? null}
            onOrg={(org) => update({ org })}
          />
          <CredentialFilters
            search={state.search}
            onSearch={(value) => update({ search: value })}
            sort={state.sort}
            onSort={(value) => update({ sort: value })}
            tags={tags}
            tag={state.tag}
            onTag={(value) => update({ tag: value })}
            issuers={issuers}
            issuer={state.issuer ?? null}
            onIssuer={(issuer) => update({ issuer })}
            groupByOrg={Boolean(state.groupByOrg)}
            onGroupByOrg={(groupByOrg) => update({ groupByOrg })}
          />
        </>
      )}

      <p aria-live="polite" className="sr-only">
        {list.isLoading ? "Loading credentials" : `${list.total ?? 0} credential${list.total === 1 ? "" : "s"}`}
      </p>

      {list.error && list.items.length === 0 ? (
        <ErrorState error={list.error} onRetry={() => void list.retry()} title="The credentials could not be loaded" />
      ) : list.isLoading ? (
        <CredentialTableSkeleton />
      ) : hasNone && isFiltered ? (
        <EmptyState
          title="No credentials match"
          description="Try another search, or clear the filters."
          action={<Button onClick={() => update({ search: "", tag: null, status: null, org: null, issuer: null })}>Clear filters</Button>}
        />
      ) : hasNone ? (
        <EmptyState
          title="No credentials yet"
          description="Register a ZITADEL service user's client ID and secret to test them, see their token and their organization."
          action={
            adminOnly ? (
              <p className="text-sm text-zinc-500 dark:text-zinc-400">An admin registers them.</p>
            ) : (
              <div className="flex flex-wrap justify-center gap-2">
                <Link href="/credentials/new" className={buttonClasses("primary")}>
                  Register your first credential
                </Link>
                <Link href="/credentials/import" className={buttonClasses("secondary")}>
                  Import from ZITADEL or CSV
                </Link>
              </div>
            )
          }
        />
      ) : (
        <>
          {state.groupByOrg ? (
            <OrgGroups items={list.items} counts={counts} selection={selection} />
          ) : (
            <CredentialTable items={list.items} caption={`Credentials, ${list.total ?? 0} in all`} selection={selection} />
          )}
          <div className="flex items-center justify-between text-sm text-zinc-600 dark:text-zinc-400">
            <span>
              Showing {list.items.length} of {list.total ?? 0}
            </span>
            {list.hasMore ? (
              <Button onClick={() => void list.loadMore()} isLoading={list.isLoadingMore}>
                Load more
              </Button>
            ) : null}
          </div>
          {list.error ? (
            <ErrorState error={list.error} onRetry={() => void list.retry()} title="More credentials could not be loaded" />
          ) : null}
        </>
      )}
    </div>
  );
}

/**
 * Support's view: the credentials loaded so far, one section per last known organization (see groupByOrg), each
 * headed by its name, id and how many credentials it has under the filters.
 */
function OrgGroups({ items, counts, selection }: { items: CredentialListItem[]; counts: HealthCounts | null; selection?: RowSelection }) {
  const ordered = groupByOrg(items, counts);
  return (
    <div className="space-y-6">
      {ordered.map(({ id, items: members }) => {
        const name = members[0]?.health.lastKnownOrg?.name ?? null;
        const count = counts?.byOrg.find((entry) => entry.id === id)?.count ?? members.length;
        const title = id === null ? "No known organization" : name || id;
        return (
          <section key={id ?? "none"} aria-label={title} data-testid="org-group" className="space-y-2">
            <h2 className="text-base font-semibold">
              {title}
              {id !== null ? <span className="ml-2 font-mono text-xs font-normal text-zinc-500 dark:text-zinc-400">{id}</span> : null}
              <span className="ml-2 text-sm font-normal text-zinc-600 dark:text-zinc-400">
                {count} credential{count === 1 ? "" : "s"}
              </span>
            </h2>
            <CredentialTable items={members} caption={`Credentials of ${title}`} selection={selection} />
          </section>
        );
      })}
    </div>
  );
}

/** Export, import and register are an admin's; others see them disabled, with the role that can. */
function RegistryActions({ adminOnly, exportState }: { adminOnly: string | null; exportState: ListState }) {
  if (adminOnly) {
    return (
      <div className="flex flex-wrap items-center gap-2">
        <p className="text-xs text-zinc-500 dark:text-zinc-400" data-testid="admin-only-note">
          {adminOnly} to register, import or export.
        </p>
        <Button variant="ghost" size="sm" disabledReason={adminOnly}>
          Export JSON
        </Button>
        <Button variant="ghost" size="sm" disabledReason={adminOnly}>
          Export CSV
        </Button>
        <Button disabledReason={adminOnly}>Import</Button>
        <Button variant="primary" disabledReason={adminOnly}>
          Register credential
        </Button>
      </div>
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-2">
      <a href={exportUrl("json", exportState)} download className={buttonClasses("ghost", "sm")}>
        Export JSON
      </a>
      <a href={exportUrl("csv", exportState)} download className={buttonClasses("ghost", "sm")}>
        Export CSV
      </a>
      <Link href="/credentials/import" className={buttonClasses("secondary")}>
        Import
      </Link>
      <Link href="/credentials/new-service-user" className={buttonClasses("secondary")}>
        New service user
      </Link>
      <Link href="/credentials/new" className={buttonClasses("primary")}>
        Register credential
      </Link>
    </div>
  );
}

/** The value once it has stopped changing for `delayMs`, so typing a search sends one request, not one per key. */
function useDebounced<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
