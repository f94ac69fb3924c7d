import "server-only";
import { ApiError } from "@/lib/api-error";
import type { Provisioner } from "@/lib/schemas/provisioning";
import { auditEntry } from "@/lib/server/audit";
import { requireCredentialRow } from "@/lib/server/credentials/get-credential";
import type { RequestContext } from "@/lib/server/request-context";
import { getStore, type ProvisionerRow } from "@/lib/server/store";

// Provisioners: a registered credential an admin names to act in ZITADEL for its issuer, one per issuer. Naming
// another for the same issuer replaces the first (the audit row says which). Deleting the credential removes it.

export async function listProvisioners(): Promise<{ provisioners: Provisioner[] }> {
  const rows = await (await getStore()).provisioning.listProvisioners();
  return { provisioners: rows.map(toProvisionerDto) };
}

export async function registerProvisioner(context: RequestContext, credentialId: string): Promise<Provisioner> {
  const credential = await requireCredentialRow(credentialId);
  const store = await getStore();
  const current = await store.provisioning.getProvisionerForIssuer(credential.issuer);
  const replaced = current && current.credentialId !== credentialId ? current.credentialId : null;
  await store.provisioning.putProvisioner(
    {
      issuer: credential.issuer,
      credentialId,
      createdBy: context.operator.id,
      createdByName: context.operator.name,
      createdAt: new Date().toISOString(),
    },
    auditEntry(context, "provisioner.register", { target: credential, detail: { replaced } }),
  );
  const row = await store.provisioning.getProvisionerForIssuer(credential.issuer);
  if (!row) throw new ApiError("not_found", "The credential was deleted meanwhile.");
  return toProvisionerDto(row);
}

export async function removeProvisioner(context: RequestContext, credentialId: string): Promise<void> {
  const credential = await requireCredentialRow(credentialId);
  const removed = await (
    await getStore()
  ).provisioning.removeProvisioner(credentialId, auditEntry(context, "provisioner.remove", { target: credential }));
  if (!removed) throw new ApiError("not_found", "This credential is not a provisioner.");
}

function toProvisionerDto(row: ProvisionerRow): Provisioner {
  return {
    issuer: row.issuer,
    credentialId: row.credentialId,
    label: row.label,
    clientId: row.clientId,
    createdBy: { id: row.createdBy, name: row.createdByName ?? row.createdBy },
    createdAt: row.createdAt,
  };
}
