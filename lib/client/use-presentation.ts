"use client";

import useSWR from "swr";
import { apiFetch } from "@/lib/client/fetcher";
import { credentialUrl } from "@/lib/client/use-credential";
import type { Presentation } from "@/lib/schemas/presentation";

// The presenter view's replay of the latest recorded check and its "Break it" failures (GET …/presentation).

export function presentationUrl(credentialId: string): string {
  return `${credentialUrl(credentialId)}/presentation`;
}

export function usePresentation(credentialId: string) {
  const { data, error, isLoading, mutate } = useSWR(presentationUrl(credentialId), (url: string) => apiFetch<Presentation>(url), {
    revalidateOnFocus: false,
  });
  return { presentation: data, error: error as unknown, isLoading, refresh: () => mutate() };
}
