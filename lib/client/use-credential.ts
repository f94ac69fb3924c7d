"use client";

import useSWR from "swr";
import { apiFetch } from "@/lib/client/fetcher";
import { credentialDtoSchema, type CredentialDto } from "@/lib/schemas/credential";

export function credentialUrl(id: string): string {
  return `/api/credentials/${encodeURIComponent(id)}`;
}

/** One credential's metadata (never its secret). */
export function useCredential(id: string | null) {
  const { data, error, isLoading, mutate } = useSWR<CredentialDto>(id ? credentialUrl(id) : null, (url: string) =>
    apiFetch(url, { schema: credentialDtoSchema }),
  );
  return { credential: data, error: error as unknown, isLoading, retry: () => mutate() };
}
