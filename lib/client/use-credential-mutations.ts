"use client";

import { useMemo } from "react";
import { useSWRConfig, type Cache, type ScopedMutator } from "swr";
import { unstable_serialize } from "swr/infinite";
import { apiFetch } from "@/lib/client/fetcher";
import { credentialUrl, type CredentialView } from "@/lib/client/use-credential";
import { heldTokenUrl } from "@/lib/client/use-held-token";
import { orgLookupUrl } from "@/lib/client/use-org-lookup";
import type {
  CreateCredentialInput,
  CredentialDto,
  CredentialPage,
  ReplaceMaterialInput,
  UpdateCredentialInput,
} from "@/lib/schemas/credential";
import type { ImportCredentialsInput, ImportResult } from "@/lib/schemas/credential-import";

// Every change goes through the API, then the caches that show credentials or the audit log are refreshed.

// The keys of lists and the audit log, as fetched (each page of a "Load more" list is cached under its own URL).
const LIST_KEY = /^\/api\/(credentials(\?|\/tags|\/issuers|\/counts|$)|audit)/;

function refreshLists(cache: Cache, mutate: ScopedMutator, removedId?: string) {
  for (const key of cache.keys()) {
    if (!LIST_KEY.test(key)) continue;
    void mutate(key);
    // A first page's URL also names its useSWRInfinite list, which a key-filter mutate would skip.
    const list = unstable_serialize(() => key);
    if (cache.get(list) === undefined) continue;
    if (removedId && key.startsWith("/api/credentials")) {
      void mutate(list, (pages?: CredentialPage[]) => pages?.map((page) => withoutItem(page, removedId)), { revalidate: true });
    } else {
      void mutate(list);
    }
  }
}

/**
 * Any saved change can alter the org lookup (org ID, issuer, client ID, scopes, secret, auth method), and the server
 * no longer uses a token obtained for the previous version: drop both answers at once, then ask again.
 */
function forgetDiagnostics(mutate: ScopedMutator, id: string) {
  void mutate(orgLookupUrl(id), undefined, { revalidate: true });
  void mutate(heldTokenUrl(id), undefined, { revalidate: true });
}

function withoutItem(page: CredentialPage, id: string): CredentialPage {
  const items = page.items.filter((item) => item.id !== id);
  return { ...page, items, total: page.total === null ? null : page.total - (page.items.length - items.length) };
}

export function useCredentialMutations() {
  const { cache, mutate } = useSWRConfig();
  return useMemo(() => {
    async function saved(credential: CredentialDto): Promise<CredentialDto> {
      await mutate(credentialUrl(credential.id), (shown?: CredentialView) => ({ ...shown, ...credential }), { revalidate: false });
      forgetDiagnostics(mutate, credential.id);
      refreshLists(cache, mutate);
      return credential;
    }
    return {
      create: async (input: CreateCredentialInput) =>
        saved(await apiFetch<CredentialDto>("/api/credentials", { method: "POST", body: input })),
      update: async (id: string, input: UpdateCredentialInput) =>
        saved(await apiFetch<CredentialDto>(credentialUrl(id), { method: "PATCH", body: input })),
      replaceSecret: async (id: string, input: ReplaceMaterialInput) =>
        saved(await apiFetch<CredentialDto>(`${credentialUrl(id)}/secret`, { method: "PUT", body: input })),
      remove: async (id: string, version: number) => {
        await apiFetch(`${credentialUrl(id)}?version=${version}`, { method: "DELETE" });
        refreshLists(cache, mutate, id);
      },
      importCredentials: async (input: ImportCredentialsInput): Promise<ImportResult> => {
        const result = await apiFetch<ImportResult>("/api/credentials/import", { method: "POST", body: input });
        refreshLists(cache, mutate);
        return result;
      },
    };
  }, [cache, mutate]);
}
