"use client";

import useSWR, { useSWRConfig } from "swr";
import { apiFetch } from "@/lib/client/fetcher";
import { credentialUrl } from "@/lib/client/use-credential";
import { heldTokenUrl } from "@/lib/client/use-held-token";
import { testHistoryUrl } from "@/lib/client/use-test-history";
import { orgLookupResultSchema, type OrgLookupResult } from "@/lib/schemas/diagnostics";

// The live org view: orgs/me through the console, again on focus and every 30 s while the page is visible.

const REFRESH_MS = 30_000;

interface Received {
  result: OrgLookupResult;
  receivedAt: number;
}

export function orgLookupUrl(credentialId: string): string {
  return `${credentialUrl(credentialId)}/org`;
}

/** `enabled: false` (a viewer) starts no lookup: looking up is an operator's action. */
export function useOrgLookup(credentialId: string, { enabled = true }: { enabled?: boolean } = {}) {
  const { mutate: mutateKey } = useSWRConfig();
  const { data, error, isLoading, isValidating, mutate } = useSWR<Received>(
    enabled ? orgLookupUrl(credentialId) : null,
    async (url: string) => ({ result: await apiFetch(url, { method: "POST", schema: orgLookupResultSchema }), receivedAt: Date.now() }),
    {
      revalidateOnFocus: true,
      refreshInterval: REFRESH_MS,
      // Each lookup is a row in the history, and may have obtained the token the console now holds: show both.
      onSuccess: () => {
        void mutateKey(testHistoryUrl(credentialId));
        void mutateKey(heldTokenUrl(credentialId));
      },
    },
  );
  return {
    data: data?.result,
    error: error as unknown,
    isLoading,
    isValidating,
    /** When the shown answer arrived (this browser's clock, epoch ms), for "updated N s ago". */
    lastUpdated: data?.receivedAt ?? null,
    refresh: () => mutate(),
  };
}
