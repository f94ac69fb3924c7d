import "server-only";
import type { Kysely, Selectable } from "kysely";
import { appendAuditRow } from "./audit-chain";
import type { SqlDialect } from "./credential-list";
import { auditValues, toIso } from "./rows";
import type { Database, ShareLinksTable } from "./schema";
import type { NewShareLink, ShareLinkRow, ShareLinkStore, ShareLinkView, ShareSourceType } from "./share-link-types";
import { StoreConflictError, StoreNotFoundError, type AuditEntry } from "./types";

// Share links: made and revoked each with its audit row in the same transaction; a view only counts.

export class KyselyShareLinkStore implements ShareLinkStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly driver: SqlDialect,
  ) {}

  create(link: NewShareLink, audit: AuditEntry): Promise<ShareLinkRow> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto("share_links")
        .values({
          id: link.id,
          token_hash: link.tokenHash,
          source_type: link.sourceType,
          source_id: link.sourceId,
          title: link.title,
          markdown: link.markdown,
          report_json: link.reportJson,
          created_by: link.createdBy,
          created_by_name: link.createdByName,
          created_at: toIso(link.createdAt),
          expires_at: toIso(link.expiresAt),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await appendAuditRow(trx, this.driver, auditValues(audit, toIso(new Date())));
      return toShareLinkRow(row);
    });
  }

  async get(id: string): Promise<ShareLinkRow | null> {
    const row = await this.db.selectFrom("share_links").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? toShareLinkRow(row) : null;
  }

  async listForSource(sourceType: ShareSourceType, sourceId: string): Promise<ShareLinkRow[]> {
    const rows = await this.db
      .selectFrom("share_links")
      .selectAll()
      .where("source_type", "=", sourceType)
      .where("source_id", "=", sourceId)
      .orderBy("created_at", "desc")
      .orderBy("id")
      .limit(100)
      .execute();
    return rows.map(toShareLinkRow);
  }

  // One UPDATE decides and counts, so a link revoked or expiring at the same moment is never shown after it.
  async view(tokenHash: string, now: Date): Promise<ShareLinkView> {
    const at = toIso(now);
    const row = await this.db
      .updateTable("share_links")
      .set((eb) => ({ view_count: eb("view_count", "+", 1), last_viewed_at: at }))
      .where("token_hash", "=", tokenHash)
      .where("revoked_at", "is", null)
      .where("expires_at", ">", at)
      .returningAll()
      .executeTakeFirst();
    if (row) return { state: "live", link: toShareLinkRow(row) };
    const known = await this.db.selectFrom("share_links").select("id").where("token_hash", "=", tokenHash).executeTakeFirst();
    return known ? { state: "gone" } : { state: "unknown" };
  }

  revoke(id: string, by: string, audit: AuditEntry): Promise<ShareLinkRow> {
    return this.db.transaction().execute(async (trx) => {
      const at = toIso(new Date());
      const row = await trx
        .updateTable("share_links")
        .set({ revoked_at: at, revoked_by: by })
        .where("id", "=", id)
        .where("revoked_at", "is", null)
        .returningAll()
        .executeTakeFirst();
      if (!row) {
        const exists = await trx.selectFrom("share_links").select("id").where("id", "=", id).executeTakeFirst();
        throw exists ? new StoreConflictError("version", "the link is already revoked") : new StoreNotFoundError();
      }
      await appendAuditRow(trx, this.driver, auditValues(audit, at));
      return toShareLinkRow(row);
    });
  }
}

function toShareLinkRow(row: Selectable<ShareLinksTable>): ShareLinkRow {
  return {
    id: row.id,
    tokenHash: row.token_hash,
    sourceType: row.source_type as ShareSourceType,
    sourceId: row.source_id,
    title: row.title,
    markdown: row.markdown,
    reportJson: row.report_json,
    createdBy: row.created_by,
    createdByName: row.created_by_name,
    createdAt: toIso(row.created_at),
    expiresAt: toIso(row.expires_at),
    revokedAt: row.revoked_at === null ? null : toIso(row.revoked_at),
    revokedBy: row.revoked_by,
    viewCount: Number(row.view_count),
    lastViewedAt: row.last_viewed_at === null ? null : toIso(row.last_viewed_at),
  };
}
