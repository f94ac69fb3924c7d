import "server-only";
import type { Kysely } from "kysely";
import type { SqlDialect } from "./credential-list";
import { toCachedTokenRow, toIso } from "./rows";
import type { Database } from "./schema";
import type { CachedTokenRow, TokenCacheStore } from "./token-cache-types";
import { eraseFromDisk } from "./write-transaction";

// One row per (credential, scope set), read and replaced by that key.

export class KyselyTokenCacheStore implements TokenCacheStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly driver: SqlDialect,
  ) {}

  async get(credentialId: string, scopeKey: string): Promise<CachedTokenRow | null> {
    const row = await this.db
      .selectFrom("token_cache")
      .selectAll()
      .where("credential_id", "=", credentialId)
      .where("scope_key", "=", scopeKey)
      .executeTakeFirst();
    return row ? toCachedTokenRow(row) : null;
  }

  async put(row: CachedTokenRow): Promise<void> {
    const values = {
      token_envelope: row.tokenEnvelope,
      expires_at: toIso(row.expiresAt),
      obtained_at: toIso(row.obtainedAt),
      metadata: JSON.stringify(row.metadata),
    };
    await this.db
      .insertInto("token_cache")
      .values({ credential_id: row.credentialId, scope_key: row.scopeKey, ...values })
      .onConflict((conflict) => conflict.columns(["credential_id", "scope_key"]).doUpdateSet(values))
      .execute();
  }

  async deleteForCredential(credentialId: string): Promise<void> {
    await this.db.deleteFrom("token_cache").where("credential_id", "=", credentialId).execute();
  }

  async purge(): Promise<number> {
    const result = await this.db.deleteFrom("token_cache").executeTakeFirst();
    // Key rotation ends here: the envelopes it replaced go from the disk too.
    await eraseFromDisk(this.db, this.driver);
    return Number(result.numDeletedRows);
  }
}
