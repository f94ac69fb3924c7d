import "server-only";
import { sql, type Kysely } from "kysely";
import { columnKinds } from "./dialect";

// Provisioning through ZITADEL's Management API.
// - Sessions keep the operator's own ZITADEL access token, sealed to the session: it dies with the session.
// - One provisioner per issuer (the primary key): registering another replaces it. Removing its credential removes it.
// - A provisioning job is a row per "create a service user", its steps as JSON. Its state is moved by compare-and-set,
//   so two resumes cannot both run it. The one-time secret offer lives here only sealed, and is wiped once taken.

export async function up(db: Kysely<unknown>): Promise<void> {
  const kind = columnKinds(db);
  await db.schema.alterTable("sessions").addColumn("zitadel_token_envelope", "text").execute();
  await db.schema.alterTable("sessions").addColumn("zitadel_token_expires_at", kind.timestamp).execute();

  await db.schema
    .createTable("provisioners")
    .addColumn("issuer", "text", (col) => col.primaryKey())
    .addColumn("credential_id", "text", (col) => col.notNull().references("credentials.id").onDelete("cascade"))
    .addColumn("created_by", "text", (col) => col.notNull())
    .addColumn("created_by_name", "text")
    .addColumn("created_at", kind.timestamp, (col) => col.notNull())
    .execute();
  await db.schema.createIndex("provisioners_credential_id").on("provisioners").columns(["credential_id"]).execute();

  await db.schema
    .createTable("provisioning_jobs")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("started_by", "text", (col) => col.notNull())
    .addColumn("started_by_name", "text")
    .addColumn("issuer", "text", (col) => col.notNull())
    .addColumn("authority", "text", (col) => col.notNull())
    .addColumn("input", "text", (col) => col.notNull())
    .addColumn("state", "text", (col) => col.notNull().check(sql`state in ('running', 'failed', 'done')`))
    .addColumn("steps", "text", (col) => col.notNull())
    .addColumn("user_id", "text")
    .addColumn("credential_id", "text")
    .addColumn("secret_offer_envelope", "text")
    .addColumn("secret_offer_expires_at", kind.timestamp)
    .addColumn("created_at", kind.timestamp, (col) => col.notNull())
    .addColumn("updated_at", kind.timestamp, (col) => col.notNull())
    .execute();
  await db.schema.createIndex("provisioning_jobs_created_at").on("provisioning_jobs").columns(["created_at", "id"]).execute();
}
