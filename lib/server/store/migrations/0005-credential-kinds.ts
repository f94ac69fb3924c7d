import "server-only";
import { sql, type Kysely } from "kysely";
import { columnKinds } from "./dialect";

// Credential kinds: a client secret (every row so far), a service user's private key (JWT profile) or a personal
// access token. The sealed material stays in secret_envelope; the key's ids and public-key fingerprint and the
// key's or PAT's expiry sit beside it, because the list and the tests need them without opening the envelope.

export async function up(db: Kysely<unknown>): Promise<void> {
  const kind = columnKinds(db);
  // Existing rows take the default: they are all client secrets.
  await db.schema
    .alterTable("credentials")
    .addColumn("kind", "text", (col) =>
      col
        .notNull()
        .defaultTo("client_secret")
        .check(sql`kind in ('client_secret', 'jwt_profile', 'pat')`),
    )
    .execute();
  // SQLite allows one column per ALTER TABLE statement.
  await db.schema.alterTable("credentials").addColumn("key_id", "text").execute();
  await db.schema.alterTable("credentials").addColumn("key_user_id", "text").execute();
  await db.schema.alterTable("credentials").addColumn("key_fingerprint", "text").execute();
  await db.schema.alterTable("credentials").addColumn("expires_at", kind.timestamp).execute();
}
