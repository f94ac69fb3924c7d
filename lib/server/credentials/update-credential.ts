import "server-only";
import { ApiError } from "@/lib/api-error";
import type { CredentialDto, UpdateCredential } from "@/lib/schemas/credential";
import { auditEntry } from "@/lib/server/audit";
import { reseal, secretContext } from "@/lib/server/crypto";
import type { RequestContext } from "@/lib/server/request-context";
import { getStore } from "@/lib/server/store";
import { StoreConflictError, type CredentialPatch, type CredentialRow } from "@/lib/server/store/types";
import { duplicateError } from "./create-credential";
import { toCredentialDto } from "./dto";
import { requireCredentialRow } from "./get-credential";
import { assertIssuerAllowed } from "./issuer";
import { auditRefusal, storeConflictReason } from "./refusals";

// A change of any of these makes cached tokens stale: the next test must ask ZITADEL again.
const TOKEN_SHAPING_FIELDS = ["issuer", "clientId", "scopes", "orgId", "authMethod"] as const;

/** Applies a patch if `version` is still current. Moving issuer or client ID re-seals the secret to the new binding. */
export async function updateCredential(context: RequestContext, id: string, input: UpdateCredential): Promise<CredentialDto> {
  const { version, ...fields } = input;
  const current = await requireCredentialRow(id);
  const store = await getStore();
  if (current.version !== version) {
    const error = new StoreConflictError("version");
    await auditRefusal(context, "credential.update", current, error);
    throw error;
  }
  const patch = changedFields(current, {
    ...fields,
    issuer: fields.issuer === undefined ? undefined : assertIssuerAllowed(fields.issuer),
  });
  refuseIdentityChange(current, patch);
  const changed = Object.keys(patch);
  if (changed.length === 0) return toCredentialDto(current);
  const next = { issuer: patch.issuer ?? current.issuer, clientId: patch.clientId ?? current.clientId };
  if (current.secretEnvelope && (patch.issuer !== undefined || patch.clientId !== undefined)) {
    const from = secretContext(id, current.issuer, current.clientId);
    patch.secretEnvelope = reseal(current.secretEnvelope, from, secretContext(id, next.issuer, next.clientId));
  }
  let updated: CredentialRow;
  try {
    updated = await store.credentials.update(
      id,
      version,
      patch,
      auditEntry(context, "credential.update", { target: { id, ...next }, detail: { fields: changed } }),
    );
  } catch (error) {
    await auditRefusal(context, "credential.update", current, error);
    if (storeConflictReason(error) === "duplicate") throw duplicateError(next.issuer, next.clientId, undefined, current.kind);
    throw error;
  }
  if (TOKEN_SHAPING_FIELDS.some((field) => changed.includes(field))) await store.tokenCache.deleteForCredential(id);
  return toCredentialDto(updated);
}

// A key's client ID is its user's id from the key file, a PAT's an internal name: neither is the operator's to edit.
// Scopes and the auth method mean nothing for a PAT, which is sent as it is.
function refuseIdentityChange(current: CredentialRow, patch: CredentialPatch): void {
  if (current.kind === "client_secret") return;
  const fields: Record<string, string[]> = {};
  if (patch.clientId !== undefined) {
    fields.clientId = [
      current.kind === "jwt_profile"
        ? "A key's client ID is the user ID from its key file; replace the key to change it."
        : "A personal access token has no client ID to edit.",
    ];
  }
  if (current.kind === "pat" && patch.scopes !== undefined) fields.scopes = ["A personal access token has no scopes to edit."];
  if (patch.authMethod !== undefined) fields.authMethod = ["Only a client secret has an authentication method."];
  if (Object.keys(fields).length > 0)
    throw new ApiError("validation_failed", "Some fields cannot be changed for this kind of credential.", { fields });
}

type EditableFields = Omit<UpdateCredential, "version">;

function changedFields(current: CredentialRow, fields: EditableFields): CredentialPatch {
  const patch: CredentialPatch = {};
  for (const key of Object.keys(fields) as (keyof EditableFields)[]) {
    const value = fields[key];
    if (value === undefined || sameValue(current[key], value)) continue;
    Object.assign(patch, { [key]: value });
  }
  return patch;
}

function sameValue(a: unknown, b: unknown): boolean {
  return Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((item, i) => item === b[i]) : a === b;
}
