import { randomBytes } from "node:crypto";
import pg from "pg";
import { setTestEnv } from "@/lib/server/http/testing";

/**
 * A schema of its own on the test PostgreSQL for one test file, with the app's DATABASE_URL pointed at it, so parallel
 * and repeated runs never see each other's rows. `drop` removes it and the one pg-boss made beside it
 * (`<schema>_boss`).
 */
export async function openScratchSchema(url: string, prefix: string): Promise<{ schema: string; drop(): Promise<void> }> {
  const schema = `${prefix}_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const raw = new pg.Client({ connectionString: url });
  await raw.connect();
  await raw.query(`CREATE SCHEMA ${schema}`);
  const scoped = new URL(url);
  scoped.searchParams.set("options", `-c search_path=${schema}`);
  setTestEnv({ DATABASE_URL: scoped.toString() });
  return {
    schema,
    async drop() {
      await raw.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await raw.query(`DROP SCHEMA IF EXISTS ${schema}_boss CASCADE`);
      await raw.end();
    },
  };
}
