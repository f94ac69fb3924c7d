"use client";

import useSWRInfinite from "swr/infinite";
import { apiFetch } from "@/lib/client/fetcher";
import { auditPageSchema, type AuditEvent, type AuditPage } from "@/lib/schemas/audit";

export function auditUrl(credentialId: string | null, cursor: string | null = null): string {
  const params = new URLSearchParams();
  if (credentialId) params.set("credentialId", credentialId);
  if (cursor) params.set("cursor", cursor);
  const search = params.toString();
  return search ? `/api/audit?${search}` : "/api/audit";
}

/** The audit log, newest first, a page at a time; optionally one credential's entries only. */
export function useAudit(credentialId: string | null) {
  const { data, error, isLoading, size, setSize, mutate } = useSWRInfinite<AuditPage>(
    (index, previous: AuditPage | null) => {
      if (index === 0) return auditUrl(credentialId);
      return previous?.nextCursor ? auditUrl(credentialId, previous.nextCursor) : null;
    },
    (url: string) => apiFetch(url, { schema: auditPageSchema }),
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
