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
  const metadata = checkedMetadata(row);
  if (!metadata) return null;
  try {
    return { accessToken: open(row.tokenEnvelope, tokenContext(credential.id, row.scopeKey)), result: metadata };
  } catch (error) {
    if (error instanceof DecryptError) return null; // e.g. its key was retired: fetch a new token instead
    throw error;
  }
}

// Every org lookup reads the cached token, and checking its metadata against the schema cost more than the rest of
// the cache read. A row's envelope (random IV) is written with its metadata in one statement, so the envelope names
// one checked metadata; the verdict is kept for the few rows in use. Never the token itself.
const MAX_CHECKED = 256;
const checked = new Map<string, TokenTestResult | null>();

function checkedMetadata(row: CachedTokenRow): TokenTestResult | null {
  const known = checked.get(row.tokenEnvelope);
  if (known !== undefined) return known;
  const parsed = tokenTestResultSchema.safeParse(row.metadata);
  const verdict = parsed.success ? parsed.data : null;
  checked.set(row.tokenEnvelope, verdict);
  if (checked.size > MAX_CHECKED) checked.delete(checked.keys().next().value as string);
  return verdict;
}
