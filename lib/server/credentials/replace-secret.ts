import "server-only";
import { ApiError } from "@/lib/api-error";
import { defaultKeyLabel, type CredentialDto, type CredentialKind, type ReplaceMaterial } from "@/lib/schemas/credential";
import { auditEntry } from "@/lib/server/audit";
import { seal, secretContext } from "@/lib/server/crypto";
import type { RequestContext } from "@/lib/server/request-context";
import { getStore } from "@/lib/server/store";
import type { CredentialPatch, CredentialRow } from "@/lib/server/store/types";
import { duplicateKeyError, findRegisteredKey, keyMaterial } from "./create-credential";
import { secretTailOf, toCredentialDto } from "./dto";
import { requireCredentialRow } from "./get-credential";
import { checkKeyFile, patExpiry } from "./key-material";
import { auditRefusal, storeConflictReason } from "./refusals";

/**
 * Seals a new secret, key or PAT to the row, matching its kind. The old one is gone; tokens obtained with it are
 * dropped from the cache.
 */
export async function replaceSecret(context: RequestContext, id: string, input: ReplaceMaterial): Promise<CredentialDto> {
  const current = await requireCredentialRow(id);
  const store = await getStore();
  const patch = replacementPatch(current, input);
  try {
    const updated = await store.credentials.update(
      id,
      input.version,
      patch,
      auditEntry(context, "credential.secret.replace", { target: current, detail: { kind: current.kind } }),
    );
    await store.tokenCache.deleteForCredential(id);
    return toCredentialDto(updated);
  } catch (error) {
    await auditRefusal(context, "credential.secret.replace", current, error);
    // The new key is the one another credential holds: say which, so the operator can go there instead.
    if (storeConflictReason(error) === "duplicate" && patch.keyId) {
      throw duplicateKeyError(current.issuer, patch.keyId, await findRegisteredKey(current.issuer, patch.keyId));
    }
    throw error;
  }
}

const FIELD: Record<CredentialKind, string> = { client_secret: "clientSecret", jwt_profile: "keyFile", pat: "token" };
const NOUN: Record<CredentialKind, string> = {
  client_secret: "a client secret",
  jwt_profile: "a key file",
  pat: "a personal access token",
};

function replacementPatch(current: CredentialRow, input: ReplaceMaterial): CredentialPatch {
  const now = new Date().toISOString();
  const sealed = (material: string) => seal(material, secretContext(current.id, current.issuer, current.clientId));
  if (current.kind === "client_secret" && "clientSecret" in input) {
    return { secretEnvelope: sealed(input.clientSecret), secretHint: secretTailOf(input.clientSecret), secretUpdatedAt: now };
  }
  if (current.kind === "pat" && "token" in input) {
    // An opaque PAT's expiry is unknown until introspection tells it; a JWT PAT carries its own.
    return {
      secretEnvelope: sealed(input.token),
      secretHint: secretTailOf(input.token),
      secretUpdatedAt: now,
      expiresAt: patExpiry(input.token),
    };
  }
  if (current.kind === "jwt_profile" && "keyFile" in input) {
    const key = checkKeyFile(input.keyFile);
    // The credential is its user's: a key of another user is another credential, registered on its own.
    if (key.userId !== current.keyUserId) {
      const message = `This key belongs to the service user ${key.userId}, not to ${current.keyUserId ?? "this credential's user"}. Register it as a new credential instead.`;
      throw new ApiError("validation_failed", message, { fields: { keyFile: [message] } });
    }
    const { sealed: pem, ...columns } = keyMaterial(key);
    // A label the console derived from the old key names the new one; a label the operator typed stays.
    const isDefaultLabel = current.keyId !== null && current.label === defaultKeyLabel(current.keyId);
    return {
      secretEnvelope: sealed(pem),
      secretHint: null,
      secretUpdatedAt: now,
      ...columns,
      ...(isDefaultLabel ? { label: defaultKeyLabel(key.keyId) } : {}),
    };
  }
  const sent = Object.keys(FIELD).find((kind) => FIELD[kind as CredentialKind] in input) as CredentialKind | undefined;
  const message = `This credential uses ${NOUN[current.kind]}; send ${FIELD[current.kind]}${sent ? `, not ${NOUN[sent]}` : ""}.`;
  throw new ApiError("validation_failed", message, { fields: { [FIELD[current.kind]]: [message] } });
}
