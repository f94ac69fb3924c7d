"use client";

import useSWR from "swr";
import useSWRInfinite from "swr/infinite";
import { apiFetch } from "@/lib/client/fetcher";
import type { AuditEvent, AuditAction, AuditOutcomeValue, AuditPage } from "@/lib/schemas/audit";
import type { OperatorList } from "@/lib/schemas/roles";

/** What the audit page narrows by; the same names as the API's query and the page's URL. */
export interface AuditFilters {
  credentialId?: string;
  actor?: string;
  action?: AuditAction;
  outcome?: AuditOutcomeValue;
  from?: string; // ISO instant
  to?: string;
}

export const auditFilterNames = [
  "credentialId",
  "actor",
  "action",
  "outcome",
  "from",
  "to",
] as const satisfies readonly (keyof AuditFilters)[];

/** The filters as query parameters, empty ones left out, in a fixed order (one SWR key per filter set). */
export function auditSearch(filters: AuditFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of auditFilterNames) {
    const value = filters[name];
    if (value) params.set(name, value);
  }
  return params;
}

export function auditUrl(filters: AuditFilters, cursor: string | null = null): string {
  const params = auditSearch(filters);
  if (cursor) params.set("cursor", cursor);
  const search = params.toString();
  return search ? `/api/audit?${search}` : "/api/audit";
}

/** The audit log, newest first, a page at a time, narrowed by the filters. */
export function useAudit(filters: AuditFilters) {
  const { data, error, isLoading, size, setSize, mutate } = useSWRInfinite<AuditPage>(
    (index, previous: AuditPage | null) => {
      if (index === 0) return auditUrl(filters);
      return previous?.nextCursor ? auditUrl(filters, previous.nextCursor) : null;
    },
    (url: string) => apiFetch<AuditPage>(url),
    { revalidateFirstPage: true },
  );
  const pages = data ?? [];
  const events: AuditEvent[] = pages.flatMap((page) => page.items);
  return {
    events,
    total: pages[0]?.total ?? 0,
    hasMore: Boolean(pages.at(-1)?.nextCursor),
    isLoading,
    isLoadingMore: size > 0 && pages.length < size && !error,
    error: error as unknown,
    loadMore: () => setSize(size + 1),
    retry: () => mutate(),
  };
}

/** Everyone who has signed in, for the operator filter (the audit page is admin-only, as is this list). */
export function useOperatorNames() {
  const { data } = useSWR<OperatorList>("/api/operators", (url: string) => apiFetch<OperatorList>(url));
  return data?.items ?? [];
}
