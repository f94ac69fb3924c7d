import "server-only";
import { getStore } from "@/lib/server/store";
import { requireCredentialRow } from "./get-credential";
import { auditEntry, auditRefusal, type RequestScope } from "./scope";

/** Deletes only the version the operator saw: a credential changed since then gets 409, not a silent delete. */
export async function deleteCredential(scope: RequestScope, id: string, version: number): Promise<void> {
  const current = await requireCredentialRow(id);
  const store = await getStore();
  const detail = { label: current.label };
  try {
    await store.deleteCredential(id, version, auditEntry(scope, "credential.delete", current, "success", detail));
  } catch (error) {
    await auditRefusal(store, scope, "credential.delete", current, error);
    throw error;
  }
}
