// `npx tsx --conditions=react-server scripts/bench/list-store.ts [rows]`: the list's store queries (scenario 5's
// queries, without HTTP) on a fleet of `rows` credentials (100,000 by default), on SQLite in a scratch file, or on
// PostgreSQL in a scratch schema when BENCH_DATABASE_URL is set (dropped at the end). Prints each query's median
// and, with BENCH_EXPLAIN=1, its plan (EXPLAIN QUERY PLAN / EXPLAIN ANALYZE) as the database runs it.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CompiledQuery, createQueryId, sql, type Kysely, type RootOperationNode } from "kysely";
import pg from "pg";
import { listCredentialsQuerySchema } from "@/lib/schemas/credential";
import { createStore } from "@/lib/server/store";
import { countCredentialHealth, listCredentials } from "@/lib/server/store/credential-list";
import { KyselyStore } from "@/lib/server/store/kysely-store";
import type { Database } from "@/lib/server/store/schema";
import { fleetRow, LIST_QUERIES } from "./scenarios/list-scale";

const ROWS = Number(process.argv[2] ?? 100_000);
const RUNS = Number(process.env.BENCH_LIST_RUNS ?? 30);
const url = process.env.BENCH_DATABASE_URL;
const EXPLAIN = process.env.BENCH_EXPLAIN === "1";
const ISSUER = "http://127.0.0.1:8680";

// The app's default stale cutoff (a day), without reading its settings.
const withStaleCutoff = <T extends object>(filter: T) => ({ ...filter, staleBefore: new Date(Date.now() - 86_400_000).toISOString() });

async function main() {
  const dir = url ? null : mkdtempSync(join(tmpdir(), "m2m-list-"));
  const path = process.env.BENCH_SQLITE_PATH ?? join(dir ?? "", "list.sqlite");
  const schema = `m2m_bench_${randomBytes(4).toString("hex")}`;
  const store = url ? await createStore({ driver: "postgres", url, schema }) : await createStore({ driver: "sqlite", path });
  const db = (store as KyselyStore)["db"] as Kysely<Database>;
  const queries: string[] = [];
  try {
    const { n } = await db
      .selectFrom("credentials")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    await fill(db, Number(n), ROWS);
    // PostgreSQL's autovacuum would have vacuumed and analyzed tables this size (the counts' few rows, updated once
    // per row filled, included); the app never runs ANALYZE on SQLite.
    if (url) await sql`vacuum analyze`.execute(db);
    for (const [name, path] of Object.entries(LIST_QUERIES)) {
      const params = Object.fromEntries(new URL(path, "http://x").searchParams);
      const run =
        name === "counts"
          ? () => store.credentials.countHealth(withStaleCutoff(params))
          : () => store.credentials.list(withStaleCutoff(listCredentialsQuerySchema.parse(params)));
      const times: number[] = [];
      for (let i = 0; i < RUNS + 3; i += 1) {
        const start = performance.now();
        await run();
        if (i >= 3) times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      console.log(
        `${name.padEnd(22)} ${ROWS} rows: median ${times[Math.floor(times.length / 2)]!.toFixed(2)} ms, min ${times[0]!.toFixed(2)}`,
      );
      if (EXPLAIN) queries.push(name);
    }
    if (EXPLAIN) await explainAll(db, url !== undefined);
  } finally {
    await store.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (url) {
      const raw = new pg.Client({ connectionString: url });
      await raw.connect();
      await raw.query(`drop schema ${schema} cascade`);
      await raw.end();
    }
  }
}

async function fill(db: Kysely<Database>, have: number, count: number) {
  const BATCH = 1000;
  for (let from = have; from < count; from += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, count - from) }, (_, i) => fleetRow(from + i, ISSUER));
    await db.insertInto("credentials").values(rows).execute();
  }
}

// Runs every list query once more through a plugin that keeps each statement, and prints the plan of each.
async function explainAll(db: Kysely<Database>, isPg: boolean) {
  const seen: RootOperationNode[] = [];
  const watched = db.withPlugin({
    transformQuery: ({ node }) => (seen.push(node), node),
    transformResult: async ({ result }) => result,
  });
  const dialect = isPg ? "postgres" : "sqlite";
  for (const [name, path] of Object.entries(LIST_QUERIES)) {
    seen.length = 0;
    const params = Object.fromEntries(new URL(path, "http://x").searchParams);
    if (name === "counts") await countCredentialHealth(watched, dialect, withStaleCutoff(params), 50);
    else await listCredentials(watched, dialect, withStaleCutoff(listCredentialsQuerySchema.parse(params)));
    console.log(`\n== ${name}`);
    for (const node of [...seen]) {
      const compiled = db.getExecutor().compileQuery(node, createQueryId());
      const explain = isPg ? "explain (analyze, costs off, summary on) " : "explain query plan ";
      const { rows } = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(explain + compiled.sql, [...compiled.parameters]));
      console.log(compiled.sql.slice(0, 300));
      for (const row of rows) console.log("   ", isPg ? row["QUERY PLAN"] : row.detail);
    }
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
