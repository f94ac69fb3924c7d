import "server-only";
import { randomUUID } from "node:crypto";
import { ApiError, type ConflictTarget } from "@/lib/api-error";
import type { CreateCredential, CredentialDto, CredentialKind } from "@/lib/schemas/credential";
import { auditEntry } from "@/lib/server/audit";
import { seal, secretContext } from "@/lib/server/crypto";
import { limitWrites } from "@/lib/server/limits";
import type { RequestContext } from "@/lib/server/request-context";
import { getStore } from "@/lib/server/store";
import type { CredentialName, CredentialRow } from "@/lib/server/store/types";
import { secretTailOf, toCredentialDto } from "./dto";
import { assertIssuerAllowed } from "./issuer";
import { checkKeyFile, newInternalClientId, patExpiry, type CheckedKeyFile } from "./key-material";
import { auditRefusal, storeConflictReason } from "./refusals";

interface CreateOptions {
  action?: "credential.create" | "credential.import";
  detail?: Record<string, unknown>;
}

/** Registers a credential; the secret, key or PAT is sealed to the new row before the store sees it. Each attempt counts one write. */
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
  const material = credentialMaterial(input);
  const row: CredentialRow = {
    id,
    label: input.label,
    issuer,
    clientId: material.clientId,
    secretEnvelope: seal(material.sealed, secretContext(id, issuer, material.clientId)),
    secretHint: material.hint,
    secretUpdatedAt: now,
    scopes: input.kind === "pat" ? "" : input.scopes,
    orgId: input.orgId,
    authMethod: input.kind === "client_secret" ? input.authMethod : "basic",
    tags: input.tags,
    notes: input.notes,
    createdAt: now,
    createdBy: context.operator.name,
    updatedAt: now,
    version: 1,
    kind: input.kind,
    keyId: material.keyId,
    keyUserId: material.keyUserId,
    keyFingerprint: material.keyFingerprint,
    expiresAt: material.expiresAt,
    serviceUser: null,
  };
  const action = options.action ?? "credential.create";
  const detail = { kind: input.kind, ...options.detail };
  const store = await getStore();
  try {
    return toCredentialDto(await store.credentials.create(row, auditEntry(context, action, { target: row, detail })));
  } catch (error) {
    await auditRefusal(context, action, row, error);
    if (storeConflictReason(error) !== "duplicate") throw error;
    if (row.kind === "jwt_profile" && row.keyId) throw duplicateKeyError(issuer, row.keyId, await findRegisteredKey(issuer, row.keyId));
    throw duplicateError(issuer, row.clientId, await findRegistered(issuer, row.clientId), input.kind);
  }
}

interface Material {
  clientId: string;
  /** What goes into the envelope: the client secret, the key file's PEM private key, or the PAT. */
  sealed: string;
  hint: string | null;
  keyId: string | null;
  keyUserId: string | null;
  keyFingerprint: string | null;
  expiresAt: string | null;
}

// The identity per kind: a client secret is the user name; a key is its key id (a unique index), so a second key of
// the same user is a credential of its own; a PAT has none. Keys and PATs get a random internal client ID.
function credentialMaterial(input: CreateCredential): Material {
  const none = { keyId: null, keyUserId: null, keyFingerprint: null, expiresAt: null };
  switch (input.kind) {
    case "client_secret":
      return { ...none, clientId: input.clientId, sealed: input.clientSecret, hint: secretTailOf(input.clientSecret) };
    case "jwt_profile":
      return { clientId: newInternalClientId("key"), hint: null, ...keyMaterial(checkKeyFile(input.keyFile)) };
    case "pat":
      return {
        ...none,
        clientId: newInternalClientId("pat"),
        sealed: input.token,
        hint: secretTailOf(input.token),
        expiresAt: patExpiry(input.token),
      };
  }
}

/** The columns a key file fills, for a new credential and for a replaced key alike. */
export function keyMaterial(key: CheckedKeyFile) {
  return { sealed: key.key, keyId: key.keyId, keyUserId: key.userId, keyFingerprint: key.fingerprint, expiresAt: key.expiresAt };
}

/** The credential already registered for this client ID at this issuer, named so the answer can offer to replace its secret. */
async function findRegistered(issuer: string, clientId: string): Promise<ConflictTarget | undefined> {
  const existing = await (await getStore()).credentials.findByClientId(issuer, clientId);
  return existing ? conflictTarget(existing) : undefined;
}

/** The credential that already holds this key at this issuer. */
export async function findRegisteredKey(issuer: string, keyId: string): Promise<ConflictTarget | undefined> {
  const existing = await (await getStore()).credentials.findByKeyId(issuer, keyId);
  return existing ? conflictTarget(existing) : undefined;
}

function conflictTarget(row: CredentialName): ConflictTarget {
  return { credentialId: row.id, version: row.version, label: row.label };
}

/** Where the existing credential is, for a hint an API client can follow as well as the form's link. */
function whereIs(existing: ConflictTarget): string {
  return `Open ${existing.label} (/credentials/${existing.credentialId})`;
}

/** The same key registered twice at one issuer; a replaced key may be the one another credential holds. */
export function duplicateKeyError(issuer: string, keyId: string, existing?: ConflictTarget): ApiError {
  const message = `The key ${keyId} at ${new URL(issuer).host} is already registered${existing ? ` as ${existing.label}` : ""}.`;
  return new ApiError("conflict", message, {
    hint: existing
      ? `${whereIs(existing)} to test it, or choose another key file: another key of the same service user is registered on its own.`
      : "Choose another key file: another key of the same service user is registered on its own.",
    fields: { keyFile: [message] },
    ...(existing ? { conflict: existing } : {}),
  });
}

// Registering is admin-only, and so is replacing a secret: whoever gets this answer may act on the credential it names.
export function duplicateError(
  issuer: string,
  clientId: string,
  existing?: ConflictTarget,
  kind: CredentialKind = "client_secret",
): ApiError {
  const who = kind === "jwt_profile" ? `The service user ${clientId}` : clientId;
  const message = `${who} at ${new URL(issuer).host} is already registered${existing ? ` as ${existing.label}` : ""}.`;
  const what = kind === "jwt_profile" ? "key" : "secret";
  const field = kind === "jwt_profile" ? "keyFile" : "clientId";
  return new ApiError("conflict", message, {
    hint: existing
      ? `${whereIs(existing)} and replace its ${what} with this one instead.`
      : `Open the existing credential and replace its ${what} instead.`,
    fields: { [field]: [message] },
    ...(existing ? { conflict: existing } : {}),
  });
}
