"use client";

import useSWRMutation from "swr/mutation";
import { apiFetch } from "@/lib/client/fetcher";
import type { UserLookupRequest, UserLookupResult } from "@/lib/schemas/lookup";

// POST /api/lookup/user: a service user by client ID, login name or user ID, as ZITADEL and this console know it.

export const USER_LOOKUP_URL = "/api/lookup/user";

export function useUserLookup() {
  const { trigger, data, reset } = useSWRMutation(
    USER_LOOKUP_URL,
    (url: string, { arg }: { arg: UserLookupRequest }) => apiFetch<UserLookupResult>(url, { method: "POST", body: arg }),
    { throwOnError: true },
  );
  return { answer: data, lookUp: trigger, reset };
}
