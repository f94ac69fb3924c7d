"use client";

import useSWR from "swr";
import { apiFetch } from "@/lib/client/fetcher";
import { credentialUrl } from "@/lib/client/use-credential";
import type { HeldTokenAnswer } from "@/lib/schemas/diagnostics";

// The token the console holds for a credential (GET …/token): metadata only, and which use case obtained it.
// The token test's POST shares this key, so SWR reads it again after every test; the org lookup refreshes it too.

export function heldTokenUrl(credentialId: string): string {
  return `${credentialUrl(credentialId)}/token`;
}

export function useHeldToken(credentialId: string) {
  const { data, error, mutate } = useSWR(heldTokenUrl(credentialId), (url: string) => apiFetch<HeldTokenAnswer>(url));
  return { heldToken: data?.heldToken ?? null, error: error as unknown, refresh: () => mutate() };
}
