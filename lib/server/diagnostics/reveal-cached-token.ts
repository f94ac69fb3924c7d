import "server-only";
import { ApiError } from "@/lib/api-error";
import { tokenMetadataSchema, type RevealedToken } from "@/lib/schemas/diagnostics";
import { DecryptError, open, tokenContext } from "@/lib/server/crypto";
import { getStore, type CachedTokenRow, type CredentialRow } from "@/lib/server/store";
import type { RunContext } from "./record";
import { splitScopes, toScopeKey } from "./token-source";

// The explicit, audited reveal (docs/security.md#the-audited-reveal): the cached token for the credential's own scopes.
// It never obtains a token, and the audit row records that a reveal happened, never what was revealed.

export interface RevealCachedTokenInput extends RunContext {
  credential: CredentialRow;
}


export async function revealCachedToken(input: RevealCachedTokenInput): Promise<RevealedToken> {
  const { credential } = input;
  const store = await getStore();
  const scopeKey = toScopeKey(splitScopes(credential.scopes));
  const row = await store.getCachedToken(credential.id, scopeKey);
  const revealed = row ? openUsable(row, credential) : null;
  await store.appendAudit({
    actor: input.operator.id,
    actorName: input.operator.name,
    action: "token.reveal",
    credentialId: credential.id,
    issuer: credential.issuer,
    clientId: credential.clientId,
    outcome: revealed ? "success" : "failure",
    httpStatus: null,
    detail: revealed ? { scopes: scopeKey, fingerprint: revealed.fingerprint, expiresAt: revealed.expiresAt } : { scopes: scopeKey, reason: "no_token" },
    requestId: input.requestId,
    ip: input.ip ?? null,
  });
  if (!revealed) {
    throw new ApiError(404, "no_token", "There is no cached token for this credential.", { hint: "Run a token test first." });
  }
  return revealed;
}

/** The row's token if it is still this credential's, unexpired and readable; otherwise nothing to reveal. */
function openUsable(row: CachedTokenRow, credential: CredentialRow): RevealedToken | null {
  if (Date.parse(row.expiresAt) <= Date.now()) return null;
  if (row.metadata.credentialVersion !== credential.version) return null;
  const token = tokenMetadataSchema.safeParse(row.metadata.token);
  if (!token.success) return null;
  try {
    const accessToken = open(row.tokenEnvelope, tokenContext(credential.id, row.scopeKey));
    return { accessToken, tokenType: token.data.tokenType, expiresAt: row.expiresAt, fingerprint: token.data.fingerprint };
  } catch (error) {
    if (error instanceof DecryptError) return null;
    throw error;
  }
}
