import "server-only";
import { decodeJwt } from "jose";
import { ApiError } from "@/lib/api-error";
import { DecryptError, open, secretContext } from "@/lib/server/crypto";
import { openCachedToken } from "@/lib/server/diagnostics/cached-token";
import { splitScopes, toScopeKey } from "@/lib/server/diagnostics/token-source";
import { getStore, type CredentialRow } from "@/lib/server/store";

// Which token an introspection checks: for a personal access token the PAT itself (it is the bearer token); for a
// client secret or a key, the token the console holds for the credential's own scopes, as the org lookup uses it.

export interface TokenToIntrospect {
  token: string;
  source: "held_token" | "pat";
  /** When the token expires, if the console knows. */
  expiresAt: string | null;
  /** The token's `aud` when it is a readable JWT. */
  jwtAudience?: string[];
}

export async function tokenToIntrospect(credential: CredentialRow): Promise<TokenToIntrospect> {
  if (credential.kind === "pat") return patToIntrospect(credential);
  const row = await (await getStore()).tokenCache.get(credential.id, toScopeKey(splitScopes(credential.scopes)));
  const usable = row ? openCachedToken(row, credential, 0) : null;
  if (!usable || !row) {
    throw new ApiError("conflict", "Test the token first: the console holds no token for this credential to introspect.", {
      hint: "Run Test token (or Look up org), then introspect the token it obtained.",
    });
  }
  const { jwtAudience } = jwtFacts(usable.accessToken);
  return { token: usable.accessToken, source: "held_token", expiresAt: row.expiresAt, ...(jwtAudience ? { jwtAudience } : {}) };
}

function patToIntrospect(credential: CredentialRow): TokenToIntrospect {
  if (!credential.secretEnvelope)
    throw new ApiError("conflict", "This credential holds no personal access token.", { hint: "Replace its token first." });
  let token: string;
  try {
    token = open(credential.secretEnvelope, secretContext(credential.id, credential.issuer, credential.clientId));
  } catch (error) {
    if (!(error instanceof DecryptError)) throw error;
    throw new ApiError("conflict", "This credential's token cannot be decrypted with the console's keys.", { hint: "Replace its token." });
  }
  const facts = jwtFacts(token);
  return {
    token,
    source: "pat",
    expiresAt: credential.expiresAt ?? facts.expiresAt ?? null,
    ...(facts.jwtAudience ? { jwtAudience: facts.jwtAudience } : {}),
  };
}

// Read without verifying: the audience and expiry only sharpen the explanation of an inactive answer.
function jwtFacts(token: string): { jwtAudience?: string[]; expiresAt?: string } {
  if (token.split(".").length !== 3) return {};
  try {
    const { aud, exp } = decodeJwt(token);
    return {
      jwtAudience: aud === undefined ? [] : Array.isArray(aud) ? aud : [aud],
      ...(typeof exp === "number" ? { expiresAt: new Date(exp * 1000).toISOString() } : {}),
    };
  } catch {
    return {};
  }
}
