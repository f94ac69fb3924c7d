import "server-only";
import { tokenTestResultSchema, type TokenTestResult } from "@/lib/schemas/diagnostics";
import { DecryptError, open, tokenContext } from "@/lib/server/crypto";
import type { CachedTokenRow, CredentialRow } from "@/lib/server/store";

// When a cached token may still be used: unexpired (with room to spare), obtained for this version of the credential,
// with readable metadata and an envelope our keys can open. Anything else is no token at all.

export interface UsableToken {
  accessToken: string;
  result: TokenTestResult;
}

export function openCachedToken(row: CachedTokenRow, credential: CredentialRow, minRemainingMs: number): UsableToken | null {
  if (Date.parse(row.expiresAt) - minRemainingMs <= Date.now()) return null;
  // A token obtained before the credential changed (new secret, other client ID) is not this credential's token.
  if (row.metadata.credentialVersion !== credential.version) return null;
  const metadata = tokenTestResultSchema.safeParse(row.metadata);
  if (!metadata.success) return null;
  try {
    return { accessToken: open(row.tokenEnvelope, tokenContext(credential.id, row.scopeKey)), result: metadata.data };
  } catch (error) {
    if (error instanceof DecryptError) return null; // e.g. its key was retired: fetch a new token instead
    throw error;
  }
}
