"use client";

import useSWR from "swr";
import { credentialUrl } from "@/lib/api-urls";
import { apiFetch } from "@/lib/client/fetcher";
import type { CredentialDto } from "@/lib/schemas/credential";
import type { Health } from "@/lib/schemas/health";

export { credentialUrl };

/**
 * What GET answers: the metadata with its health. A save answers the metadata alone, and keeps the health shown (the
 * checks decide it, not the edit) until the next GET.
 */
export type CredentialView = CredentialDto & { health?: Health };

/** One credential's metadata (never its secret) and health. */
export function useCredential(id: string | null) {
  const { data, error, isLoading, mutate } = useSWR<CredentialView>(id ? credentialUrl(id) : null, (url: string) =>
    apiFetch<CredentialView>(url),
  );
  return { credential: data, error: error as unknown, isLoading, retry: () => mutate() };
}
