"use client";

import useSWR, { useSWRConfig } from "swr";
import { apiFetch } from "@/lib/client/fetcher";
import type { ProvisionersResponse, Provisioner } from "@/lib/schemas/provisioning";

// The provisioners an admin named, one credential per issuer (GET/PUT /api/provisioners, DELETE …/:credentialId).

export const PROVISIONERS_URL = "/api/provisioners";
// Which authorities can be chosen follows from the provisioners: every authorities answer is read again.
const AUTHORITIES_KEY = /^\/api\/provisioning\/authorities/;

export function useProvisioners() {
  const { cache, mutate: mutateKey } = useSWRConfig();
  const { data, error, isLoading, mutate } = useSWR(PROVISIONERS_URL, (url: string) => apiFetch<ProvisionersResponse>(url));

  function refreshAuthorities() {
    for (const key of cache.keys()) if (AUTHORITIES_KEY.test(key)) void mutateKey(key);
  }

  async function register(credentialId: string): Promise<Provisioner> {
    const provisioner = await apiFetch<Provisioner>(PROVISIONERS_URL, { method: "PUT", body: { credentialId } });
    await mutate();
    refreshAuthorities();
    return provisioner;
  }

  async function remove(credentialId: string): Promise<void> {
    await apiFetch(`${PROVISIONERS_URL}/${encodeURIComponent(credentialId)}`, { method: "DELETE" });
    await mutate();
    refreshAuthorities();
  }

  return { provisioners: data?.provisioners, error: error as unknown, isLoading, retry: () => mutate(), register, remove };
}
