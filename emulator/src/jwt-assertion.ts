import { decodeJwt, decodeProtectedHeader, jwtVerify } from "jose";
import type { AuthnKey } from "./directory";

// zitadel/oidc's VerifyJWTAssertion with ZITADEL's settings (iat at most 1 h old, 1 s offset), shared by the
// JWT-profile grant (service-user keys) and private_key_jwt client authentication (app keys).

const MAX_IAT_AGE_SECONDS = 3600;
const OFFSET_SECONDS = 1;

/** Finds the key `keyId` owned by `subject` (a user id or an app's client id). */
export type KeyLookup = (subject: string, keyId: string) => AuthnKey | undefined;

/**
 * The assertion's subject when every check passes, else undefined. Callers cannot tell the failures apart,
 * like ZITADEL's clients: every one of them becomes the same error.
 */
export async function verifyJwtAssertion(assertion: string, issuer: string, lookup: KeyLookup): Promise<string | undefined> {
  let kid: unknown;
  let claims: ReturnType<typeof decodeJwt>;
  try {
    kid = decodeProtectedHeader(assertion).kid;
    claims = decodeJwt(assertion);
  } catch {
    return undefined; // not a JWT at all
  }
  const { iss, sub, aud, exp, iat } = claims;
  const now = Date.now() / 1000;
  // "delegation not allowed": the key owner must assert for itself.
  if (typeof iss !== "string" || iss === "" || iss !== sub) return undefined;
  // The issuer exactly as discovery spells it: a trailing slash or a missing port is another audience.
  const audience = typeof aud === "string" ? [aud] : (aud ?? []);
  if (!audience.includes(issuer)) return undefined;
  if (typeof exp !== "number" || exp <= now + OFFSET_SECONDS) return undefined;
  if (typeof iat !== "number" || iat > now + OFFSET_SECONDS || iat < now - MAX_IAT_AGE_SECONDS) return undefined;
  if (typeof kid !== "string") return undefined;
  const key = lookup(iss, kid);
  if (!key || key.expiresAt <= now) return undefined;
  try {
    await jwtVerify(assertion, key.publicKey, { algorithms: ["RS256"] });
  } catch {
    return undefined;
  }
  return iss;
}
