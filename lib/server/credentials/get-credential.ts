import "server-only";
import type { CredentialListItem } from "@/lib/schemas/credential";
import { staleBefore } from "@/lib/server/health";
import { getStore } from "@/lib/server/store";
import { StoreNotFoundError, type CredentialRow } from "@/lib/server/store/types";
import { toCredentialListItem } from "./dto";

/** One credential as the list shows it: its metadata, last test and health (never its secret). */
export async function getCredential(id: string): Promise<CredentialListItem> {
  const item = await (await getStore()).credentials.getWithLastTest(id);
  if (!item) throw new StoreNotFoundError();
  return toCredentialListItem(item, staleBefore());
}

/** The stored row, or a 404 through the route wrapper. Server-only callers; never hand it to a response. */
export async function requireCredentialRow(id: string): Promise<CredentialRow> {
  const row = await (await getStore()).credentials.get(id);
  if (!row) throw new StoreNotFoundError();
  return row;
}
