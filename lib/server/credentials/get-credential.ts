import "server-only";
import type { CredentialListItem } from "@/lib/schemas/credential";
import { withStaleCutoff } from "@/lib/server/health";
import { getStore } from "@/lib/server/store";
import { StoreNotFoundError, type CredentialRow } from "@/lib/server/store/types";
import { toCredentialListItem } from "./dto";

const PAGE = 200;

/** One credential as the list shows it: its metadata, last test and health (never its secret). */
export async function getCredential(id: string): Promise<CredentialListItem> {
  const row = await requireCredentialRow(id);
  const store = await getStore();
  // The store reads health (and decides stale) in its list query. Issuer and client ID are unique together, so that
  // filter leaves this credential and the few at its issuer whose label, tags or org merely contain its client ID.
  let cursor: string | undefined;
  do {
    const query = withStaleCutoff({ issuer: row.issuer, search: row.clientId, limit: PAGE, cursor });
    const page = await store.listCredentials(query);
    const item = page.items.find((candidate) => candidate.id === id);
    if (item) return toCredentialListItem(item, query.staleBefore);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  // Deleted between the two reads.
  throw new StoreNotFoundError();
}

/** The stored row, or a 404 through the route wrapper. Server-only callers; never hand it to a response. */
export async function requireCredentialRow(id: string): Promise<CredentialRow> {
  const row = await (await getStore()).getCredential(id);
  if (!row) throw new StoreNotFoundError();
  return row;
}
