"use client";

import { useCallback, useState } from "react";
import useSWR, { useSWRConfig } from "swr";
import { apiFetch } from "@/lib/client/fetcher";
import { credentialUrl } from "@/lib/client/use-credential";
import { heldTokenUrl } from "@/lib/client/use-held-token";
import { orgLookupUrl } from "@/lib/client/use-org-lookup";
import type { CredentialActionInput, CredentialActionResult } from "@/lib/schemas/provisioning";

// What the console does in ZITADEL for one credential (POST /api/credentials/:id/actions): rotate its secret, grant
// its service user a manager role, reactivate it. Synchronous: the answer carries the re-run check's steps.

/**
 * The last action's answer, kept in SWR's cache under a key no request uses, so the page shows it wherever the action
 * was started (a diagnosis card that then disappears, or the credential's header).
 */
export function lastActionKey(credentialId: string): string {
  return `local:${credentialUrl(credentialId)}/actions/last`;
}

/** The last action's answer for this credential on this page, or undefined. */
export function useLastCredentialAction(credentialId: string) {
  const { data, mutate } = useSWR<CredentialActionResult | null>(lastActionKey(credentialId), null);
  const clear = useCallback(() => void mutate(null, { revalidate: false }), [mutate]);
  return { result: data ?? null, clear };
}

export function useCredentialAction(credentialId: string) {
  const { cache, mutate } = useSWRConfig();
  const [isRunning, setRunning] = useState(false);
  const [error, setError] = useState<unknown>(null);

  /** After an action the credential, its token, its org and its history all describe something else: read them again. */
  function refreshPanels() {
    const base = credentialUrl(credentialId);
    void mutate(base);
    void mutate(orgLookupUrl(credentialId), undefined, { revalidate: true });
    void mutate(heldTokenUrl(credentialId), undefined, { revalidate: true });
    for (const key of cache.keys())
      if (key.startsWith(`${base}/tests`) || /^(\$inf\$)?\/api\/(credentials\?|credentials$|audit)/.test(key)) void mutate(key);
  }

  async function run(input: CredentialActionInput): Promise<CredentialActionResult | null> {
    setRunning(true);
    setError(null);
    try {
      const result = await apiFetch<CredentialActionResult>(`${credentialUrl(credentialId)}/actions`, {
        method: "POST",
        body: input,
      });
      await mutate(lastActionKey(credentialId), result, { revalidate: false });
      refreshPanels();
      return result;
    } catch (caught) {
      setError(caught);
      return null;
    } finally {
      setRunning(false);
    }
  }

  return { run, isRunning, error, clearError: () => setError(null) };
}
