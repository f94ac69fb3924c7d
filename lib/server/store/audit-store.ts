import "server-only";
import type { Kysely } from "kysely";
import type { OperatorKind } from "@/lib/schemas/roles";
import { appendAuditRow, verifyAuditChain } from "./audit-chain";
import type { AuditChainHead, AuditChainReport, AuditEntry, AuditRow, AuditStore, ListAuditQuery } from "./audit-types";
import type { SqlDialect } from "./credential-list";
import { decodeAuditCursor, encodeAuditCursor, pageLimit } from "./cursor";
import { auditValues, toAuditRow, toIso } from "./rows";
import type { Database } from "./schema";
import type { Page } from "./types";
import { writeTransaction } from "./write-transaction";

// An entry on its own; entries that record a change are appended by that change's sub-store, in its transaction.

export class KyselyAuditStore implements AuditStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly driver: SqlDialect,
  ) {}

  async append(entry: AuditEntry): Promise<void> {
    await writeTransaction(this.db, (trx) => appendAuditRow(trx, this.driver, auditValues(entry, toIso(new Date()))));
  }

  verifyChain(recorded?: AuditChainHead): Promise<AuditChainReport> {
    return verifyAuditChain(this.db, recorded);
  }

  async list(query: ListAuditQuery): Promise<Page<AuditRow>> {
    const limit = pageLimit(query.limit);
    const before = query.cursor ? decodeAuditCursor(query.cursor) : null;
    let filtered = this.db.selectFrom("audit_log");
    if (query.credentialId) filtered = filtered.where("credential_id", "=", query.credentialId);
    if (query.action) filtered = filtered.where("action", "=", query.action);
    // An operator is named by id (sub) or by the name the entry recorded, whichever the caller has.
    if (query.actor) {
      const actor = query.actor;
      filtered = filtered.where((eb) => eb.or([eb("actor", "=", actor), eb("actor_name", "=", actor)]));
    }
    if (query.outcome) filtered = filtered.where("outcome", "=", query.outcome);
    // Times are stored as ISO strings (SQLite) or timestamptz (PostgreSQL); both compare correctly with an ISO instant.
    if (query.from) filtered = filtered.where("at", ">=", toIso(query.from));
    if (query.to) filtered = filtered.where("at", "<=", toIso(query.to));
    const pageQuery = before === null ? filtered : filtered.where("id", "<", before);
    // Whether each row's credential still exists is answered in the same query, so the page links only those.
    const rows = await pageQuery
      .selectAll("audit_log")
      .select((eb) =>
        eb
          .exists(eb.selectFrom("credentials").select("credentials.id").whereRef("credentials.id", "=", "audit_log.credential_id"))
          .as("credential_exists"),
      )
      .select((eb) => eb.selectFrom("operators").select("operators.kind").whereRef("operators.id", "=", "audit_log.actor").as("actor_kind"))
      .orderBy("id", "desc")
      .limit(limit + 1)
      .execute();
    const { n } = await filtered.select((eb) => eb.fn.countAll<number | string>().as("n")).executeTakeFirstOrThrow();
    const items = rows.slice(0, limit).map(({ credential_exists, actor_kind, ...row }) => ({
      ...toAuditRow(row),
      credentialExists: Boolean(credential_exists),
      actorKind: (actor_kind ?? null) as OperatorKind | null,
    }));
    const last = items[items.length - 1];
    return { items, total: Number(n), nextCursor: rows.length > limit && last ? encodeAuditCursor(Number(last.id)) : null };
  }
}
