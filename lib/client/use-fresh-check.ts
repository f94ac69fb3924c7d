"use client";

import { useCallback, useState } from "react";
import { useSWRConfig } from "swr";
import { apiFetch } from "@/lib/client/fetcher";
import { credentialUrl } from "@/lib/client/use-credential";
import { orgLookupUrl } from "@/lib/client/use-org-lookup";
import { presentationUrl } from "@/lib/client/use-presentation";
import { testHistoryUrl } from "@/lib/client/use-test-history";
import type { OrgLookupResult, TokenTestResult } from "@/lib/schemas/diagnostics";

// A check run now for the presenter view: the token test (a new exchange), then the org lookup with the token it got.

export interface FreshCheck {
  tokenTest: TokenTestResult;
  orgLookup: OrgLookupResult | null;
}

export function useFreshCheck(credentialId: string) {
  const { mutate } = useSWRConfig();
  const [check, setCheck] = useState<FreshCheck | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [isRunning, setRunning] = useState(false);

  const run = useCallback(async () => {
    setRunning(true);
    setError(null);
    try {
      const tokenTest = await apiFetch<TokenTestResult>(`${credentialUrl(credentialId)}/token`, { method: "POST" });
      // A failed exchange got no token: the API is never called. A PAT's live check is the API call itself.
      const orgLookup =
        tokenTest.outcome === "ok" || tokenTest.source === "pat"
          ? await apiFetch<OrgLookupResult>(orgLookupUrl(credentialId), { method: "POST", body: { trigger: "operator" } })
          : null;
      setCheck({ tokenTest, orgLookup });
    } catch (caught) {
      setError(caught);
    } finally {
      setRunning(false);
      void mutate(testHistoryUrl(credentialId));
      void mutate(presentationUrl(credentialId));
    }
  }, [credentialId, mutate]);

  return { check, error, isRunning, run };
}
