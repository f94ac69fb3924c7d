"use client";

import useSWR from "swr";
import { apiFetch } from "@/lib/client/fetcher";

interface IssuersResponse {
  issuers: string[];
  defaultIssuer: string | null;
}

const useIssuersResponse = () => useSWR("/api/credentials/issuers", (url: string) => apiFetch<IssuersResponse>(url));

/** The issuers already registered, for a datalist; none while loading or when the list cannot be read. */
export function useIssuers(): string[] {
  return useIssuersResponse().data?.issuers ?? [];
}

/** The issuer a new credential's form starts with; null while loading, when unset, or when it cannot be read. */
export function useDefaultIssuer(): string | null {
  return useIssuersResponse().data?.defaultIssuer ?? null;
}
