import "server-only";
import { sql, type Kysely } from "kysely";
import { columnKinds } from "./dialect";

// The application the console introspects tokens with, one per issuer: ZITADEL lets only applications (an API app with
// a client secret or a private key) call its introspection endpoint, never the service users whose tokens it checks.
// The secret or the key's PEM is sealed like a credential's secret; the key id is kept to name the key in the page.

export async function up(db: Kysely<unknown>): Promise<void> {
  const kind = columnKinds(db);
  await db.schema
    .createTable("introspection_clients")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("issuer", "text", (col) => col.notNull().unique())
    .addColumn("method", "text", (col) => col.notNull().check(sql`method in ('client_secret', 'private_key_jwt')`))
    .addColumn("client_id", "text", (col) => col.notNull())
    .addColumn("secret_envelope", "text", (col) => col.notNull())
    .addColumn("key_id", "text")
    .addColumn("created_at", kind.timestamp, (col) => col.notNull())
    .addColumn("created_by", "text", (col) => col.notNull())
    .addColumn("updated_at", kind.timestamp, (col) => col.notNull())
    .addColumn("version", "integer", (col) => col.notNull().check(sql`version >= 1`))
    .execute();
}
