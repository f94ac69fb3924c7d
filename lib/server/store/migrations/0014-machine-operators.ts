import "server-only";
import { sql, type Kysely } from "kysely";
import { columnKinds } from "./dialect";

// Service users calling the API with a ZITADEL bearer token are operators too, of kind "machine": an admin caps or
// disables them on the same page. They never sign in, so they carry when they were last seen and their org instead.

export async function up(db: Kysely<unknown>): Promise<void> {
  const kind = columnKinds(db);
  // Every existing row signed in through the browser.
  await db.schema
    .alterTable("operators")
    .addColumn("kind", "text", (col) =>
      col
        .notNull()
        .defaultTo("person")
        .check(sql`kind in ('person', 'machine')`),
    )
    .execute();
  // SQLite allows one column per ALTER TABLE statement.
  await db.schema.alterTable("operators").addColumn("org", "text").execute();
  await db.schema.alterTable("operators").addColumn("last_seen_at", kind.timestamp).execute();
}
