import "server-only";
import type { PatMetadata } from "@/lib/schemas/diagnostics";
import { audience, safeDecode, zitadelClaims } from "./token-analysis";
import { classifyToken, fingerprint, maskToken } from "./token-format";

// A personal access token is not exchanged: ZITADEL issued it already. What the console can say about it without
// asking ZITADEL: opaque or JWT, and for a JWT its claims (decoded, not verified: a token test on a PAT makes no call).

export function describePat(token: string, knownExpiresAt: string | null): PatMetadata {
  const { kind, header } = classifyToken(token);
  const claims = kind === "jwt" ? safeDecode(token) : undefined;
  const exp = typeof claims?.exp === "number" ? new Date(claims.exp * 1000).toISOString() : null;
  return {
    kind,
    fingerprint: fingerprint(token),
    masked: maskToken(token),
    length: token.length,
    expiresAt: exp ?? knownExpiresAt,
    audience: audience(claims),
    ...(header && claims ? { header: { ...header }, claims: { ...claims } } : {}),
    signature: claims ? "unverified" : "not_applicable",
    ...(claims
      ? {
          signatureNote:
            "Decoded without checking the signature: a token test on a PAT does not call ZITADEL. The org lookup is the live check.",
        }
      : {}),
    zitadel: zitadelClaims(claims),
  };
}
