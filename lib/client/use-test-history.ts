"use client";

import useSWR from "swr";
import { z } from "zod";
import { apiFetch } from "@/lib/client/fetcher";
import { credentialUrl } from "@/lib/client/use-credential";

// One credential's recent token tests and org lookups (GET /api/credentials/:id/tests), newest first.

export const testHistoryItemSchema = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.enum(["token", "org"]),
  operator: z.string(),
  outcome: z.string(),
  httpStatus: z.number().nullable(),
  latencyMs: z.number().nullable(),
  orgId: z.string().nullable(),
  orgName: z.string().nullable(),
  cached: z.boolean(),
});
export type TestHistoryItem = z.infer<typeof testHistoryItemSchema>;

const historySchema = z.object({ items: z.array(testHistoryItemSchema) });

export function testHistoryUrl(credentialId: string, limit = 20): string {
  return `${credentialUrl(credentialId)}/tests?limit=${limit}`;
}

export function useTestHistory(credentialId: string, limit = 20) {
  const { data, error, isLoading, isValidating, mutate } = useSWR(testHistoryUrl(credentialId, limit), (url: string) =>
    apiFetch(url, { schema: historySchema }),
  );
  return { items: data?.items, error: error as unknown, isLoading, isValidating, refresh: () => mutate() };
}
