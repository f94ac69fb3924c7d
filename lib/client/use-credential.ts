"use client";

import useSWR from "swr";
import { credentialUrl } from "@/lib/api-urls";
import { apiFetch } from "@/lib/client/fetcher";
import type { CredentialDto } from "@/lib/schemas/credential";

export { credentialUrl };

/** One credential's metadata (never its secret). */
export function useCredential(id: string | null) {
  const { data, error, isLoading, mutate } = useSWR<CredentialDto>(id ? credentialUrl(id) : null, (url: string) =>
    apiFetch<CredentialDto>(url),
  );
  return { credential: data, error: error as unknown, isLoading, retry: () => mutate() };
}
