import "server-only";
import type { CredentialPage, ListCredentialsQuery } from "@/lib/schemas/credential";
import { withStaleCutoff } from "@/lib/server/health";
import { getStore } from "@/lib/server/store";
import { toCredentialListItem } from "./dto";

export async function listCredentials(query: Partial<ListCredentialsQuery>): Promise<CredentialPage> {
  const filtered = withStaleCutoff(query);
  const page = await (await getStore()).credentials.list(filtered);
  return {
    items: page.items.map((row) => toCredentialListItem(row, filtered.staleBefore)),
    total: page.total,
    nextCursor: page.nextCursor,
  };
}

export async function listCredentialTags(): Promise<string[]> {
  return (await getStore()).credentials.listTags();
}
