import "server-only";
import { randomUUID } from "node:crypto";
import { ApiError, type ConflictTarget } from "@/lib/api-error";
import type { CreateCredential, CredentialDto } from "@/lib/schemas/credential";
import { seal, secretContext } from "@/lib/server/crypto";
import { getStore } from "@/lib/server/store";
import type { CredentialRow } from "@/lib/server/store/types";
import { auditEntry } from "@/lib/server/audit";
import { limitWrites } from "@/lib/server/limits";
import type { RequestContext } from "@/lib/server/request-context";
import { secretTailOf, toCredentialDto } from "./dto";
import { assertIssuerAllowed } from "./issuer";
import { auditRefusal, storeConflictReason } from "./refusals";

interface CreateOptions {
  action?: "credential.create" | "credential.import";
  detail?: Record<string, unknown>;
}

/** Registers a credential; the secret is sealed to the new row before the store sees it. Each attempt counts one write. */
export async function createCredential(context: RequestContext, input: CreateCredential): Promise<CredentialDto> {
  await limitWrites(context, 1);
  return insertCredential(context, input);
}

/** The registration itself, for callers that have already counted it against the write limit (an import). */
export async function insertCredential(
  context: RequestContext,
  input: CreateCredential,
  options: CreateOptions = {},
): Promise<CredentialDto> {
  const issuer = assertIssuerAllowed(input.issuer);
  const id = randomUUID();
  const now = new Date().toISOString();
  const row: CredentialRow = {
    id,
    label: input.label,
    issuer,
    clientId: input.clientId,
    secretEnvelope: seal(input.clientSecret, secretContext(id, issuer, input.clientId)),
    secretHint: secretTailOf(input.clientSecret),
    secretUpdatedAt: now,
    scopes: input.scopes,
    orgId: input.orgId,
    authMethod: input.authMethod,
    tags: input.tags,
    notes: input.notes,
    createdAt: now,
    createdBy: context.operator.name,
    updatedAt: now,
    version: 1,
  };
  const action = options.action ?? "credential.create";
  const store = await getStore();
  try {
    return toCredentialDto(await store.createCredential(row, auditEntry(context, action, { target: row, detail: options.detail })));
  } catch (error) {
    await auditRefusal(context, action, row, error);
    if (storeConflictReason(error) === "duplicate")
      throw duplicateError(issuer, input.clientId, await findRegistered(issuer, input.clientId));
    throw error;
  }
}

/** The credential already registered for this client ID at this issuer, named so the answer can offer to replace its secret. */
async function findRegistered(issuer: string, clientId: string): Promise<ConflictTarget | undefined> {
  const existing = (await (await getStore()).listAllCredentials()).find((row) => row.issuer === issuer && row.clientId === clientId);
  return existing ? { credentialId: existing.id, version: existing.version, label: existing.label } : undefined;
}

// Registering is admin-only, and so is replacing a secret: whoever gets this answer may act on the credential it names.
export function duplicateError(issuer: string, clientId: string, existing?: ConflictTarget): ApiError {
  const message = `${clientId} at ${new URL(issuer).host} is already registered${existing ? ` as ${existing.label}` : ""}.`;
  return new ApiError("conflict", message, {
    hint: existing
      ? `Replace the secret of ${existing.label} with this one instead.`
      : "Open the existing credential and replace its secret instead.",
    fields: { clientId: [message] },
    ...(existing ? { conflict: existing } : {}),
  });
}
