"use client";

import useSWR from "swr";
import { apiFetch } from "@/lib/client/fetcher";

interface IssuersResponse {
  issuers: string[];
}

/** The issuers already registered, for a datalist; none while loading or when the list cannot be read. */
export function useIssuers(): string[] {
  const { data } = useSWR("/api/credentials/issuers", (url: string) => apiFetch<IssuersResponse>(url));
  return data?.issuers ?? [];
}
