import "server-only";
import type { CredentialDto } from "@/lib/schemas/credential";
import { getStore } from "@/lib/server/store";
import { StoreNotFoundError, type CredentialRow } from "@/lib/server/store/types";
import { toCredentialDto } from "./dto";

export async function getCredential(id: string): Promise<CredentialDto> {
  return toCredentialDto(await requireCredentialRow(id));
}

/** The stored row, or a 404 through the route wrapper. Server-only callers; never hand it to a response. */
export async function requireCredentialRow(id: string): Promise<CredentialRow> {
  const row = await (await getStore()).getCredential(id);
  if (!row) throw new StoreNotFoundError();
  return row;
}
