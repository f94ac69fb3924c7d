"use client";

import useSWRMutation from "swr/mutation";
import { apiFetch } from "@/lib/client/fetcher";
import type { ApiCallRequest, ApiCallResult } from "@/lib/schemas/api-call";

// "Try a call" (POST /api/credentials/:id/call): one ZITADEL API request with the credential's token, on demand.

export function useApiCall(credentialId: string) {
  const { trigger, data, error, isMutating, reset } = useSWRMutation(
    `/api/credentials/${encodeURIComponent(credentialId)}/call`,
    (url: string, { arg }: { arg: ApiCallRequest }) => apiFetch<ApiCallResult>(url, { method: "POST", body: arg }),
  );
  async function send(call: ApiCallRequest) {
    // The hook's `error` carries a failure; a caller need not catch.
    await trigger(call).catch(() => undefined);
  }
  return { result: data, error: error as unknown, isSending: isMutating, send, reset };
}
