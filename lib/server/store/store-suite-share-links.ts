import "server-only";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { NewShareLink } from "./share-link-types";
import type { StoreHarness } from "./testing/fixtures";
import { StoreConflictError, StoreNotFoundError, type AuditEntry, type Store } from "./types";

// Share links on both databases: found by their hash only while live, a view counted, a revoke audited and final.

function newLink(overrides: Partial<NewShareLink> = {}): NewShareLink {
  const now = Date.now();
  return {
    id: randomUUID(),
    tokenHash: randomUUID(),
    sourceType: "check",
    sourceId: randomUUID(),
    title: "ACME retired",
    markdown: "# M2M Console check",
    reportJson: "{}",
    createdBy: "operator-1",
    createdByName: "Olga Operator",
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + 3_600_000).toISOString(),
    ...overrides,
  };
}

function audit(action: AuditEntry["action"], linkId: string): AuditEntry {
  return { actor: "operator-1", actorName: "Olga Operator", action, outcome: "success", detail: { linkId } };
}

async function auditCount(store: Store, action: AuditEntry["action"], linkId: string): Promise<number> {
  const page = await store.audit.list({ action, limit: 200 });
  return page.items.filter((row) => row.detail?.linkId === linkId).length;
}

export function describeShareLinkSuite(getHarness: () => StoreHarness): void {
  describe("share links", () => {
    it("keeps a link with its audit row, lists it by its source, and counts each view while it is live", async () => {
      const { store } = getHarness();
      const link = newLink();
      const older = newLink({ sourceId: link.sourceId, createdAt: new Date(Date.now() - 60_000).toISOString() });
      await store.shareLinks.create(older, audit("share_link.create", older.id));
      const created = await store.shareLinks.create(link, audit("share_link.create", link.id));
      expect(created).toMatchObject({ ...link, revokedAt: null, viewCount: 0, lastViewedAt: null });
      expect(await auditCount(store, "share_link.create", link.id)).toBe(1);
      expect((await store.shareLinks.listForSource("check", link.sourceId)).map((row) => row.id)).toEqual([link.id, older.id]);
      expect(await store.shareLinks.listForSource("run", link.sourceId)).toEqual([]);

      await store.shareLinks.view(link.tokenHash, new Date());
      const second = await store.shareLinks.view(link.tokenHash, new Date());
      expect(second).toMatchObject({ state: "live", link: { id: link.id, viewCount: 2, markdown: link.markdown } });
      expect(await store.shareLinks.view("no-such-hash", new Date())).toEqual({ state: "unknown" });
    });

    it("answers gone once a link expired, without counting the view", async () => {
      const { store } = getHarness();
      const link = newLink();
      await store.shareLinks.create(link, audit("share_link.create", link.id));
      expect(await store.shareLinks.view(link.tokenHash, new Date(Date.parse(link.expiresAt) + 1))).toEqual({ state: "gone" });
      expect(await store.shareLinks.get(link.id)).toMatchObject({ viewCount: 0 });
    });

    it("revokes a link once, audited, after which it is gone; a second revoke or an unknown id is refused", async () => {
      const { store } = getHarness();
      const link = newLink();
      await store.shareLinks.create(link, audit("share_link.create", link.id));
      const revoked = await store.shareLinks.revoke(link.id, "admin-1", audit("share_link.revoke", link.id));
      expect(revoked).toMatchObject({ revokedBy: "admin-1" });
      expect(revoked.revokedAt).not.toBeNull();
      expect(await store.shareLinks.view(link.tokenHash, new Date())).toEqual({ state: "gone" });
      await expect(store.shareLinks.revoke(link.id, "admin-1", audit("share_link.revoke", link.id))).rejects.toBeInstanceOf(
        StoreConflictError,
      );
      await expect(store.shareLinks.revoke(randomUUID(), "admin-1", audit("share_link.revoke", link.id))).rejects.toBeInstanceOf(
        StoreNotFoundError,
      );
      expect(await auditCount(store, "share_link.revoke", link.id)).toBe(1);
    });
  });
}
