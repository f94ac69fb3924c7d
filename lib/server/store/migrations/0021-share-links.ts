import "server-only";
import { sql, type Kysely } from "kysely";
import { columnKinds } from "./dialect";

// Share links: a redacted report frozen when the link was made, found by the hash of the link's random id (the id
// itself is shown once and kept nowhere). Test runs keep the request id and ZITADEL's error of a failed check, so a
// report made later from the history names the log line and the error as the live answer did.

export async function up(db: Kysely<unknown>): Promise<void> {
  const kind = columnKinds(db);
  await db.schema
    .createTable("share_links")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("token_hash", "text", (col) => col.notNull().unique())
    .addColumn("source_type", "text", (col) => col.notNull().check(sql`source_type in ('check', 'run')`))
    .addColumn("source_id", "text", (col) => col.notNull())
    .addColumn("title", "text", (col) => col.notNull())
    .addColumn("markdown", "text", (col) => col.notNull())
    .addColumn("report_json", "text", (col) => col.notNull())
    .addColumn("created_by", "text", (col) => col.notNull())
    .addColumn("created_by_name", "text")
    .addColumn("created_at", kind.timestamp, (col) => col.notNull())
    .addColumn("expires_at", kind.timestamp, (col) => col.notNull())
    .addColumn("revoked_at", kind.timestamp)
    .addColumn("revoked_by", "text")
    .addColumn("view_count", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("last_viewed_at", kind.timestamp)
    .execute();
  await db.schema.createIndex("share_links_source").on("share_links").columns(["source_type", "source_id", "created_at"]).execute();
  for (const column of ["request_id", "upstream_error", "upstream_description"]) {
    await db.schema.alterTable("test_runs").addColumn(column, "text").execute();
  }
}
