// Access tokens the console obtained, kept sealed until they expire so a repeated test need not ask ZITADEL again.

export interface CachedTokenRow {
  credentialId: string;
  scopeKey: string; // sorted, space-separated scopes
  tokenEnvelope: string; // encrypted like secrets, AAD bound to credentialId + scopeKey
  expiresAt: string;
  obtainedAt: string;
  metadata: Record<string, unknown>; // the token test's result DTO, without the raw token
}

export interface TokenCacheStore {
  get(credentialId: string, scopeKey: string): Promise<CachedTokenRow | null>;
  /** Inserts or replaces the token for (credentialId, scopeKey). */
  put(row: CachedTokenRow): Promise<void>;
  /** Drops every token held for the credential. */
  deleteForCredential(credentialId: string): Promise<void>;
  /** Empties the whole token cache (key rotation: tokens are re-obtainable, so they are dropped, not re-wrapped). Returns rows removed. */
  purge(): Promise<number>;
}
