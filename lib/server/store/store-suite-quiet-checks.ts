import "server-only";
import { describe, expect, it } from "vitest";
import { auditEntry, newCredential } from "./testing/fixtures";
import type { Store } from "./types";

// A check nobody asked for (a page's own lookup): it keeps the credential's health current like any check, but writes
// no history, and its audit rows do not pile up: one per window, and one whenever the status changes.

export function describeQuietCheckSuite(getStore: () => Store): void {
  describe("quiet checks", () => {
    it("update the health without a history row, audited once per window and on every change of status", async () => {
      const row = newCredential();
      await getStore().credentials.create(row, auditEntry("credential.create"));
      const audit = auditEntry("org.lookup", { credentialId: row.id });
      const quiet = (at: string, health: Parameters<Store["testRuns"]["recordQuietCheck"]>[2], auditAfter: string) =>
        getStore().testRuns.recordQuietCheck(row.id, audit, health, { at, auditAfter });
      const org = { ok: true as const, id: "2001", name: "ACME" };

      const first = await quiet("2024-05-01T10:00:00.000Z", { token: "ok", org }, "2024-05-01T09:45:00.000Z");
      expect(first).toMatchObject({ change: { from: null, to: "working" }, isAudited: true });
      const second = await quiet("2024-05-01T10:01:00.000Z", { token: "ok", org }, "2024-05-01T09:46:00.000Z");
      expect(second).toMatchObject({ change: null, isAudited: false });
      const broke = await quiet(
        "2024-05-01T10:02:00.000Z",
        { token: "ok", org: { ok: false, code: "missing_permission" } },
        "2024-05-01T09:47:00.000Z",
      );
      expect(broke).toMatchObject({ change: { from: "working", to: "org_fails" }, isAudited: true });
      // The window has passed since the last audited one: audited again.
      const later = await quiet(
        "2024-05-01T10:20:00.000Z",
        { token: "ok", org: { ok: false, code: "missing_permission" } },
        "2024-05-01T10:05:00.000Z",
      );
      expect(later.isAudited).toBe(true);

      expect(await getStore().testRuns.list(row.id)).toEqual([]);
      const { items } = await getStore().audit.list({ credentialId: row.id, action: "org.lookup" });
      expect(items).toHaveLength(3);
      const listed = await getStore().credentials.getWithLastTest(row.id);
      expect(listed?.health).toMatchObject({ status: "org_fails", code: "missing_permission", checkedAt: "2024-05-01T10:20:00.000Z" });
    });

    it("refuses a credential that no longer exists, recording nothing", async () => {
      const gone = newCredential();
      await expect(
        getStore().testRuns.recordQuietCheck(
          gone.id,
          auditEntry("org.lookup", { credentialId: gone.id }),
          { token: "ok" },
          { auditAfter: "2024-01-01T00:00:00.000Z" },
        ),
      ).rejects.toThrow();
      expect((await getStore().audit.list({ credentialId: gone.id })).items).toEqual([]);
    });
  });
}
