import "server-only";
import { ApiError } from "@/lib/api-error";
import type { RevealedToken } from "@/lib/schemas/diagnostics";
import { recordAudit } from "@/lib/server/audit";
import { requireCredentialRow } from "@/lib/server/credentials/get-credential";
import type { RequestContext } from "@/lib/server/request-context";
import { getStore } from "@/lib/server/store";
import { openCachedToken } from "./cached-token";
import { splitScopes, toScopeKey } from "./token-source";

// The explicit, audited reveal (docs/security.md#the-audited-reveal): the cached token for the credential's own scopes.
// It never obtains a token, and the audit row records that a reveal happened, never what was revealed.

export async function revealCachedToken(context: RequestContext, credentialId: string): Promise<RevealedToken> {
  const credential = await requireCredentialRow(credentialId);
  const scopeKey = toScopeKey(splitScopes(credential.scopes));
  const row = await (await getStore()).tokenCache.get(credential.id, scopeKey);
  const usable = row ? openCachedToken(row, credential, 0) : null;
  const token = usable?.result.token;
  const revealed =
    usable && token
      ? { accessToken: usable.accessToken, tokenType: token.tokenType, expiresAt: token.expiresAt, fingerprint: token.fingerprint }
      : null;
  await recordAudit(context, "token.reveal", {
    target: credential,
    outcome: revealed ? "success" : "failure",
    detail: revealed
      ? { scopes: scopeKey, fingerprint: revealed.fingerprint, expiresAt: revealed.expiresAt }
      : { scopes: scopeKey, reason: "no_token" },
  });
  if (!revealed) throw new ApiError("no_token", "There is no cached token for this credential.", { hint: "Run a token test first." });
  return revealed;
}
