"use client";

import useSWR from "swr";
import { apiFetch } from "@/lib/client/fetcher";
import type { EndedSessions, OperatorDto, OperatorList, UpdateOperator } from "@/lib/schemas/roles";

// Everyone who has signed in (GET /api/operators), an admin's cap or block on one of them (PATCH, with version), and
// ending all of an operator's open sessions (DELETE …/sessions).

const OPERATORS_URL = "/api/operators";

export function useOperators() {
  const { data, error, isLoading, mutate } = useSWR<OperatorList>(OPERATORS_URL, (url: string) => apiFetch<OperatorList>(url));

  /** Sends the version the admin saw: a change made meanwhile answers 409 instead of being overwritten. */
  async function update(id: string, change: UpdateOperator): Promise<OperatorDto> {
    const updated = await apiFetch<OperatorDto>(`${OPERATORS_URL}/${encodeURIComponent(id)}`, {
      method: "PATCH",
      body: change,
    });
    await mutate((list) => list && { items: list.items.map((item) => (item.id === updated.id ? updated : item)) }, { revalidate: true });
    return updated;
  }

  async function endSessions(id: string): Promise<EndedSessions> {
    const ended = await apiFetch<EndedSessions>(`${OPERATORS_URL}/${encodeURIComponent(id)}/sessions`, { method: "DELETE" });
    await mutate();
    return ended;
  }

  return { operators: data?.items, error: error as unknown, isLoading, retry: () => mutate(), update, endSessions };
}
