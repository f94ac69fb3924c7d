"use client";

import { useSWRConfig } from "swr";
import useSWRMutation from "swr/mutation";
import { apiFetch } from "@/lib/client/fetcher";
import { credentialUrl } from "@/lib/client/use-credential";
import { testHistoryUrl } from "@/lib/client/use-test-history";
import type { IntrospectionResult } from "@/lib/schemas/introspection";

// POST …/introspect: asks ZITADEL, through the issuer's introspection client, whether the token the console holds (or
// the PAT itself) is active. An operator's action, run only on a click.

export function introspectUrl(credentialId: string): string {
  return `${credentialUrl(credentialId)}/introspect`;
}

export function useIntrospection(credentialId: string) {
  const { mutate } = useSWRConfig();
  const { trigger, data, error, isMutating, reset } = useSWRMutation(
    introspectUrl(credentialId),
    (url: string) => apiFetch<IntrospectionResult>(url, { method: "POST", body: {} }),
    // A PAT's expiry may have been learnt from the answer: the credential's page shows it.
    { onSuccess: () => void Promise.all([mutate(credentialUrl(credentialId)), mutate(testHistoryUrl(credentialId))]) },
  );
  return {
    answer: data,
    error: error as unknown,
    isRunning: isMutating,
    run: async () => {
      await trigger().catch(() => undefined);
    },
    reset,
  };
}
