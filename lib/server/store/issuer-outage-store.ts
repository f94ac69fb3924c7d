import "server-only";
import type { Kysely, Transaction } from "kysely";
import type { CheckedStatus } from "@/lib/schemas/health";
import type { SqlDialect } from "./credential-list";
import { toIso } from "./rows";
import type { Database } from "./schema";

// Issuers in trouble: a row per issuer from the first check that found one of its credentials unavailable until a
// check finds the last of them answered again. Written inside recordCheck's transaction, so of many checks finding
// the same outage exactly one opens it and exactly one closes it: the issuer is alerted once each way.

/** An issuer that went down or came back with this check. */
export interface IssuerChange {
  issuer: string;
  to: "unavailable" | "available";
  /** When the outage began (the first check that found it). */
  since: string;
  /** The diagnosis the outage began with. */
  code: string;
}

/** An issuer some credentials currently find unavailable: the list's banner. */
export interface IssuerOutageRow {
  issuer: string;
  since: string;
  code: string;
  /** Credentials whose latest check found the issuer unavailable. */
  credentials: number;
}

export async function trackIssuerOutage(
  trx: Transaction<Database>,
  dialect: SqlDialect,
  credentialId: string,
  move: { from: CheckedStatus | null; to: CheckedStatus | null; code: string | null; at: string },
): Promise<IssuerChange | null> {
  const isDown = move.to === "issuer_unavailable";
  if ((move.from === "issuer_unavailable") === isDown) return null;
  const { issuer } = await trx.selectFrom("credentials").select("issuer").where("id", "=", credentialId).executeTakeFirstOrThrow();
  if (isDown) {
    const code = move.code ?? "unknown";
    const opened = await trx
      .insertInto("issuer_outages")
      .values({ issuer, since: move.at, code })
      .onConflict((conflict) => conflict.column("issuer").doNothing())
      .executeTakeFirst();
    return Number(opened.numInsertedOrUpdatedRows ?? 0) > 0 ? { issuer, to: "unavailable", since: move.at, code } : null;
  }
  // Locked first on PostgreSQL, so two credentials coming back at once take turns and the second sees the first's.
  let outage = trx.selectFrom("issuer_outages").selectAll().where("issuer", "=", issuer);
  if (dialect === "postgres") outage = outage.forUpdate();
  const row = await outage.executeTakeFirst();
  if (!row) return null;
  const left = await trx
    .selectFrom("credentials")
    .select("id")
    .where("issuer", "=", issuer)
    .where("health_status", "=", "issuer_unavailable")
    .limit(1)
    .executeTakeFirst();
  if (left) return null;
  await trx.deleteFrom("issuer_outages").where("issuer", "=", issuer).execute();
  return { issuer, to: "available", since: toIso(row.since), code: row.code };
}

/** Every issuer with credentials currently unavailable, with since when and how many, the longest outage first. */
export async function listIssuerOutages(db: Kysely<Database>): Promise<IssuerOutageRow[]> {
  const rows = await db
    .selectFrom("issuer_outages")
    .innerJoin("credentials", (join) =>
      join.onRef("credentials.issuer", "=", "issuer_outages.issuer").on("credentials.health_status", "=", "issuer_unavailable"),
    )
    .select((eb) => ["issuer_outages.issuer", "issuer_outages.since", "issuer_outages.code", eb.fn.countAll<number | string>().as("n")])
    .groupBy(["issuer_outages.issuer", "issuer_outages.since", "issuer_outages.code"])
    .orderBy("issuer_outages.since")
    .orderBy("issuer_outages.issuer")
    .execute();
  return rows.map((row) => ({ issuer: row.issuer, since: toIso(row.since), code: row.code, credentials: Number(row.n) }));
}
