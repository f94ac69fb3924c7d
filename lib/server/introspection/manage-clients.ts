import "server-only";
import { randomUUID } from "node:crypto";
import { ApiError } from "@/lib/api-error";
import type { CreateIntrospectionClient, IntrospectionClient, IntrospectionClientList } from "@/lib/schemas/introspection";
import { auditEntry } from "@/lib/server/audit";
import { assertIssuerAllowed } from "@/lib/server/credentials/issuer";
import { introspectionClientContext, seal } from "@/lib/server/crypto";
import type { RequestContext } from "@/lib/server/request-context";
import { getStore, StoreConflictError, StoreNotFoundError, type AuditEntry, type IntrospectionClientRow } from "@/lib/server/store";
import { parseApplicationKeyFile } from "./application-key";

// Admins register one introspection client per issuer. Its secret or key is sealed before it reaches the store and
// never leaves the server again; to change it, delete the client and add it anew.

export async function listIntrospectionClients(): Promise<IntrospectionClientList> {
  const rows = await (await getStore()).introspectionClients.list();
  return { items: rows.map(toIntrospectionClientDto) };
}

export async function createIntrospectionClient(context: RequestContext, input: CreateIntrospectionClient): Promise<IntrospectionClient> {
  const issuer = assertIssuerAllowed(input.issuer);
  const material = toSecretMaterial(input);
  const id = randomUUID();
  const now = new Date().toISOString();
  const row: IntrospectionClientRow = {
    id,
    issuer,
    method: input.method,
    clientId: material.clientId,
    secretEnvelope: seal(material.sealed, introspectionClientContext(id, issuer, material.clientId)),
    keyId: material.keyId,
    createdAt: now,
    createdBy: context.operator.name,
    updatedAt: now,
    version: 1,
  };
  const store = await getStore();
  try {
    return toIntrospectionClientDto(await store.introspectionClients.create(row, audit(context, "introspection_client.create", row)));
  } catch (error) {
    if (!(error instanceof StoreConflictError)) throw error;
    await store.audit.append(audit(context, "introspection_client.create", row, "failure", { reason: "duplicate_issuer" }));
    throw new ApiError("conflict", "This issuer already has an introspection client.", {
      hint: "Delete the one registered for this issuer first, then add the new one.",
    });
  }
}

export async function deleteIntrospectionClient(context: RequestContext, id: string, version: number): Promise<void> {
  const store = await getStore();
  const row = await store.introspectionClients.get(id);
  if (!row) throw new ApiError("not_found", "No such introspection client.");
  try {
    await store.introspectionClients.delete(id, version, audit(context, "introspection_client.delete", row));
  } catch (error) {
    if (error instanceof StoreNotFoundError) throw new ApiError("not_found", "No such introspection client.");
    if (error instanceof StoreConflictError) {
      throw new ApiError("conflict", "The introspection client was changed by someone else.", { hint: "Reload the page and try again." });
    }
    throw error;
  }
}

/** What identifies the client and what is sealed: the secret, or the key file's PEM (the rest of the file is public). */
function toSecretMaterial(input: CreateIntrospectionClient): { clientId: string; keyId: string | null; sealed: string } {
  if (input.method === "client_secret") return { clientId: input.clientId, keyId: null, sealed: input.clientSecret };
  const key = parseApplicationKeyFile(input.keyFile);
  return { clientId: key.clientId, keyId: key.keyId, sealed: key.privateKeyPem };
}

// Named by issuer and client ID; it is not a credential, so the row's credential column stays empty.
function audit(
  context: RequestContext,
  action: "introspection_client.create" | "introspection_client.delete",
  row: IntrospectionClientRow,
  outcome: "success" | "failure" = "success",
  detail: Record<string, unknown> = {},
): AuditEntry {
  return {
    ...auditEntry(context, action, {
      outcome,
      httpStatus: outcome === "failure" ? 409 : null,
      detail: { introspectionClientId: row.id, method: row.method, ...detail },
    }),
    issuer: row.issuer,
    clientId: row.clientId,
  };
}

export function toIntrospectionClientDto(row: IntrospectionClientRow): IntrospectionClient {
  const { id, issuer, method, clientId, keyId, createdAt, createdBy, updatedAt, version } = row;
  return { id, issuer, method, clientId, keyId, createdAt, createdBy, updatedAt, version };
}
