"use client";

import { useRef } from "react";
import useSWR, { useSWRConfig } from "swr";
import { apiFetch } from "@/lib/client/fetcher";
import { retryDelayMs } from "@/lib/client/retry-policy";
import { credentialUrl } from "@/lib/client/use-credential";
import { heldTokenUrl } from "@/lib/client/use-held-token";
import { testHistoryUrl } from "@/lib/client/use-test-history";
import type { OrgLookupTrigger } from "@/lib/schemas/audit";
import type { OrgLookupResult } from "@/lib/schemas/diagnostics";

// The live org view: orgs/me through the console, again on focus and every 30 s while the page is visible; the
// server answers these with a recent result while it is fresh (LOOKUP_FRESH_SECONDS), and refresh() always asks live.

const REFRESH_MS = 30_000;

interface Received {
  result: OrgLookupResult;
  receivedAt: number;
}

export function orgLookupUrl(credentialId: string): string {
  return `${credentialUrl(credentialId)}/org`;
}

async function lookUp(url: string, trigger: OrgLookupTrigger): Promise<Received> {
  return { result: await apiFetch<OrgLookupResult>(url, { method: "POST", body: { trigger } }), receivedAt: Date.now() };
}

/** `enabled: false` (a viewer) starts no lookup: looking up is an operator's action. */
export function useOrgLookup(credentialId: string, { enabled = true }: { enabled?: boolean } = {}) {
  const { mutate: mutateKey } = useSWRConfig();
  const nextTrigger = useRef<OrgLookupTrigger>("auto");
  const { data, error, isLoading, isValidating, mutate } = useSWR<Received>(
    enabled ? orgLookupUrl(credentialId) : null,
    // What SWR starts on its own (open, focus, interval) is the page's lookup, and says so for the audit log;
    // refresh() marks the one revalidation it starts as the operator's.
    (url: string) => {
      const trigger = nextTrigger.current;
      nextTrigger.current = "auto";
      return lookUp(url, trigger);
    },
    {
      revalidateOnFocus: true,
      refreshInterval: REFRESH_MS,
      onErrorRetry: (error, _key, _config, revalidate, { retryCount }) => {
        const delay = retryDelayMs(error, retryCount);
        if (delay !== null) setTimeout(() => void revalidate({ retryCount }), delay);
      },
      // A lookup may be a row in the history (the operator's), may change the credential's health and may have
      // obtained the token the console now holds: show all three.
      onSuccess: () => {
        void mutateKey(testHistoryUrl(credentialId));
        void mutateKey(credentialUrl(credentialId));
        void mutateKey(heldTokenUrl(credentialId));
      },
    },
  );
  return {
    data: data?.result,
    error: error as unknown,
    isLoading,
    isValidating,
    /**
     * When the shown answer was looked up (this browser's clock, epoch ms), for "looked up N s ago": a recent answer
     * the page got again is as old as the server says, counted back from when it arrived.
     */
    lastUpdated: data ? data.receivedAt - (data.result.reusedAgeSeconds ?? 0) * 1000 : null,
    /** The page's own lookup got a recent answer again rather than asking ZITADEL. */
    isReused: data?.result.reusedAgeSeconds !== undefined,
    /** An operator's click: audited as theirs, not as the page's. */
    refresh: () => {
      nextTrigger.current = "operator";
      return mutate();
    },
  };
}
