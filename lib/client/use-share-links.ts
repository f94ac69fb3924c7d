"use client";

import useSWR from "swr";
import { apiFetch } from "@/lib/client/fetcher";
import type { CreatedShareLink, ShareLinkDto, ShareLinkList } from "@/lib/schemas/share-links";

// The share links made to one report (GET /api/share-links), making one (POST: its address comes back once) and
// revoking one (DELETE). Asked for only when `source` is given: the list is an operator's.

const SHARE_LINKS_URL = "/api/share-links";

export interface ShareSource {
  sourceType: "check" | "run";
  sourceId: string;
}

export function useShareLinks(source: ShareSource | null) {
  const key = source
    ? `${SHARE_LINKS_URL}?${new URLSearchParams({ sourceType: source.sourceType, sourceId: source.sourceId }).toString()}`
    : null;
  const { data, error, isLoading, mutate } = useSWR<ShareLinkList>(key, (url: string) => apiFetch<ShareLinkList>(url));

  async function create(expiresInHours: number): Promise<CreatedShareLink> {
    if (!source) throw new Error("no report to share");
    const created = await apiFetch<CreatedShareLink>(SHARE_LINKS_URL, {
      method: "POST",
      body: { sourceType: source.sourceType, sourceId: source.sourceId, expiresInHours },
    });
    await mutate();
    return created;
  }

  async function revoke(id: string): Promise<ShareLinkDto> {
    const revoked = await apiFetch<ShareLinkDto>(`${SHARE_LINKS_URL}/${encodeURIComponent(id)}`, { method: "DELETE" });
    await mutate();
    return revoked;
  }

  return { links: data?.items, error: error as unknown, isLoading, create, revoke };
}
