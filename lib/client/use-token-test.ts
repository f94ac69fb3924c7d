"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { useSWRConfig } from "swr";
import useSWRMutation from "swr/mutation";
import { apiFetch } from "@/lib/client/fetcher";
import { credentialUrl } from "@/lib/client/use-credential";
import { heldTokenUrl } from "@/lib/client/use-held-token";
import { testHistoryUrl } from "@/lib/client/use-test-history";
import type { RevealedToken, TokenTestResult } from "@/lib/schemas/diagnostics";

// The token test (POST …/token, always a new exchange) and the audited reveal (POST …/token/reveal).

export interface TokenTestOptions {
  /** Space-separated, as OAuth writes them; the credential's own scopes when absent. */
  scopes?: string;
}

export function useTokenTest(credentialId: string) {
  const { mutate } = useSWRConfig();
  const { trigger, data, error, isMutating, reset } = useSWRMutation(
    heldTokenUrl(credentialId),
    (url: string, { arg }: { arg: TokenTestOptions }) => apiFetch<TokenTestResult>(url, { method: "POST", body: arg }),
    {
      // Each test is a row in the history and may change the credential's health: show both.
      onSuccess: () => {
        void mutate(testHistoryUrl(credentialId));
        void mutate(credentialUrl(credentialId));
      },
    },
  );
  const run = useCallback(
    async (options: TokenTestOptions = {}) => {
      // The hook's `error` carries a failure; a caller need not catch.
      await trigger(options).catch(() => undefined);
    },
    [trigger],
  );
  return { result: data, error: error as unknown, isRunning: isMutating, run, reset };
}

const REVEAL_MS = 30_000;

/**
 * The full token, only after an explicit POST, held in component state for 30 s (or until hidden).
 * Never in SWR's cache, storage or the URL, where it would outlive the reveal (docs/security.md#the-audited-reveal).
 */
export function useTokenReveal(credentialId: string) {
  const [shown, setShown] = useState<{ token: RevealedToken; hidesAt: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [isRevealing, setRevealing] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const hide = useCallback(() => {
    clearTimeout(timer.current);
    setShown(null);
  }, []);

  const reveal = useCallback(async () => {
    setRevealing(true);
    setError(null);
    try {
      const revealed = await apiFetch<RevealedToken>(`${credentialUrl(credentialId)}/token/reveal`, { method: "POST" });
      setShown({ token: revealed, hidesAt: new Date(Date.now() + REVEAL_MS).toISOString() });
      clearTimeout(timer.current);
      timer.current = setTimeout(() => setShown(null), REVEAL_MS);
    } catch (caught) {
      setShown(null);
      setError(caught);
    } finally {
      setRevealing(false);
    }
  }, [credentialId]);

  useEffect(() => () => clearTimeout(timer.current), []);

  return { token: shown?.token ?? null, hidesAt: shown?.hidesAt ?? null, error, isRevealing, reveal, hide, hidesAfterMs: REVEAL_MS };
}
