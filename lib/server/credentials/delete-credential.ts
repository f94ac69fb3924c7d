import "server-only";
import { auditEntry } from "@/lib/server/audit";
import type { RequestContext } from "@/lib/server/request-context";
import { getStore } from "@/lib/server/store";
import { requireCredentialRow } from "./get-credential";
import { auditRefusal } from "./refusals";

/** Deletes only the version the operator saw: a credential changed since then gets 409, not a silent delete. */
export async function deleteCredential(context: RequestContext, id: string, version: number): Promise<void> {
  const current = await requireCredentialRow(id);
  const store = await getStore();
  const detail = { label: current.label };
  try {
    await store.credentials.delete(id, version, auditEntry(context, "credential.delete", { target: current, detail }));
  } catch (error) {
    await auditRefusal(context, "credential.delete", current, error);
    throw error;
  }
}
