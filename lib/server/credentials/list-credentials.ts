import "server-only";
import type { CredentialPage } from "@/lib/schemas/credential";
import { getStore } from "@/lib/server/store";
import type { ListCredentialsQuery } from "@/lib/server/store/types";
import { toCredentialListItem } from "./dto";

export async function listCredentials(query: ListCredentialsQuery): Promise<CredentialPage> {
  const page = await (await getStore()).listCredentials(query);
  return { items: page.items.map(toCredentialListItem), total: page.total, nextCursor: page.nextCursor };
}

export async function listCredentialTags(): Promise<string[]> {
  return (await getStore()).listTags();
}
