"use client";

import useSWR from "swr";
import useSWRInfinite from "swr/infinite";
import { apiFetch } from "@/lib/client/fetcher";
import type { CredentialListItem, CredentialPage, ListCredentialsQueryInput } from "@/lib/schemas/credential";
import type { HealthCounts } from "@/lib/schemas/health";

// The credential list, a page at a time ("Load more"), keyed by its query so each filter has its own cache.

export type CredentialListQuery = Omit<ListCredentialsQueryInput, "cursor">;

export function credentialListUrl(query: CredentialListQuery, cursor: string | null = null): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...query, cursor })) {
    if (value !== undefined && value !== null && value !== "") params.set(name, String(value));
  }
  const search = params.toString();
  return search ? `/api/credentials?${search}` : "/api/credentials";
}

function fetchPage(url: string): Promise<CredentialPage> {
  return apiFetch<CredentialPage>(url);
}

export function useCredentials(query: CredentialListQuery) {
  const { data, error, isLoading, isValidating, size, setSize, mutate } = useSWRInfinite<CredentialPage>(
    (index, previous: CredentialPage | null) => {
      if (index === 0) return credentialListUrl(query);
      return previous?.nextCursor ? credentialListUrl(query, previous.nextCursor) : null;
    },
    fetchPage,
    { revalidateFirstPage: true, keepPreviousData: true },
  );
  const pages = data ?? [];
  const items: CredentialListItem[] = pages.flatMap((page) => page.items);
  const lastPage = pages.at(-1);
  return {
    items,
    total: pages[0]?.total ?? 0,
    hasMore: Boolean(lastPage?.nextCursor),
    isLoading,
    isLoadingMore: size > 0 && pages.length < size && !error,
    isValidating,
    error: error as unknown,
    loadMore: () => setSize(size + 1),
    retry: () => mutate(),
  };
}

const TAGS_URL = "/api/credentials/tags";

/** Every tag in use, for the filter chips. */
export function useCredentialTags() {
  const { data, error } = useSWR<{ tags: string[] }>(TAGS_URL, (url: string) => apiFetch<{ tags: string[] }>(url));
  return { tags: data?.tags ?? [], error: error as unknown };
}

/** Per status and per last known org, for the filters the list shows (GET /api/credentials/counts). */
export function useCredentialCounts(query: Pick<CredentialListQuery, "search" | "tag" | "status" | "org" | "issuer">) {
  const url = credentialListUrl(query).replace("/api/credentials", "/api/credentials/counts");
  const { data, error, mutate } = useSWR<HealthCounts>(url, (key: string) => apiFetch<HealthCounts>(key), {
    keepPreviousData: true,
  });
  return { counts: data ?? null, error: error as unknown, retry: () => mutate() };
}
