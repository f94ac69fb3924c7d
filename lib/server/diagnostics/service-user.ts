import "server-only";
import type { PatMetadata, TokenMetadata } from "@/lib/schemas/diagnostics";

// A key file names its user by a numeric id and a PAT by nothing; ZITADEL's tokens name the service user's login
// name (preferred_username in a JWT access token, a JWT PAT or the ID token, username in introspection). The
// credential keeps it, so the list can show and find it.

const MAX_LENGTH = 200;

/** A login name as ZITADEL writes it, or null for anything else (absent, not text, too long, control characters). */
export function serviceUserName(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const name = value.trim();
  if (!name || name.length > MAX_LENGTH || /[\x00-\x1F\x7F]/.test(name) || !name.isWellFormed()) return null;
  return name;
}

/** The login name a token test's token names: its own claims first, then the ID token's. */
export function serviceUserOf(token: TokenMetadata | PatMetadata | undefined): string | null {
  if (!token) return null;
  const idToken = "idToken" in token ? token.idToken?.claims : undefined;
  return serviceUserName(token.claims?.preferred_username) ?? serviceUserName(idToken?.preferred_username);
}
