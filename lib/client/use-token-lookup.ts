"use client";

import useSWRMutation from "swr/mutation";
import { apiFetch } from "@/lib/client/fetcher";
import type { TokenLookupRequest, TokenLookupResult } from "@/lib/schemas/lookup";

// POST /api/lookup/token: whose a pasted access token is and whether ZITADEL accepts it. Run only on a click; the
// answer is kept by SWR, the token is not (it is the mutation's argument, never its key).

export const TOKEN_LOOKUP_URL = "/api/lookup/token";

export function useTokenLookup() {
  const { trigger, data, reset } = useSWRMutation(
    TOKEN_LOOKUP_URL,
    (url: string, { arg }: { arg: TokenLookupRequest }) => apiFetch<TokenLookupResult>(url, { method: "POST", body: arg }),
    { throwOnError: true },
  );
  return { answer: data, lookUp: trigger, reset };
}
