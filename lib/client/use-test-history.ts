"use client";

import useSWR from "swr";
import { testHistoryUrl } from "@/lib/api-urls";
import { apiFetch } from "@/lib/client/fetcher";
import type { TestHistory } from "@/lib/schemas/diagnostics";

// One credential's recent token tests and org lookups (GET /api/credentials/:id/tests), newest first.

export { testHistoryUrl };

export function useTestHistory(credentialId: string, limit = 20) {
  const { data, error, isLoading, isValidating, mutate } = useSWR(testHistoryUrl(credentialId, limit), (url: string) =>
    apiFetch<TestHistory>(url),
  );
  return { items: data?.items, error: error as unknown, isLoading, isValidating, refresh: () => mutate() };
}
