"use client";

import useSWR from "swr";
import { apiFetch } from "@/lib/client/fetcher";
import type { IntrospectionClientList, CreateIntrospectionClientInput, IntrospectionClient } from "@/lib/schemas/introspection";

// The introspection clients an admin configured, one per issuer (GET/POST /api/introspection-clients, DELETE …/:id).

export const INTROSPECTION_CLIENTS_URL = "/api/introspection-clients";

export function useIntrospectionClients() {
  const { data, error, isLoading, mutate } = useSWR(INTROSPECTION_CLIENTS_URL, (url: string) => apiFetch<IntrospectionClientList>(url));

  async function add(input: CreateIntrospectionClientInput): Promise<IntrospectionClient> {
    const created = await apiFetch<IntrospectionClient>(INTROSPECTION_CLIENTS_URL, { method: "POST", body: input });
    await mutate();
    return created;
  }

  /** Sends the version the admin saw: a change made meanwhile answers 409 instead of deleting something else. */
  async function remove(client: IntrospectionClient): Promise<void> {
    await apiFetch(`${INTROSPECTION_CLIENTS_URL}/${encodeURIComponent(client.id)}?version=${client.version}`, { method: "DELETE" });
    await mutate();
  }

  return { clients: data?.items, error: error as unknown, isLoading, retry: () => mutate(), add, remove };
}
