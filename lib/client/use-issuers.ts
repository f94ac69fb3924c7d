"use client";

import useSWR from "swr";
import { z } from "@/lib/zod";
import { apiFetch } from "@/lib/client/fetcher";

const issuersSchema = z.object({ issuers: z.array(z.string()) });

/** The issuers already registered, for a datalist; none while loading or when the list cannot be read. */
export function useIssuers(): string[] {
  const { data } = useSWR("/api/credentials/issuers", (url: string) => apiFetch(url, { schema: issuersSchema }));
  return data?.issuers ?? [];
}
