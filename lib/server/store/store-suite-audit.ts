import "server-only";
import type { Selectable } from "kysely";
import { describe, expect, it } from "vitest";
import { auditHash } from "./audit-chain";
import type { AuditLogTable } from "./schema";
import { auditEntry, newCredential, type StoreHarness } from "./testing/fixtures";
import type { AuditRow, Store } from "./types";

// The audit log is tamper-evident: whoever edits or removes rows with their own database connection, past the
// triggers, is named by verifyAuditChain. Each test tampers with a store of its own.

async function withFreshStore(
  open: () => Promise<StoreHarness>,
  test: (harness: StoreHarness, rows: AuditRow[]) => Promise<void>,
): Promise<void> {
  const harness = await open();
  try {
    const { store } = harness;
    const row = await store.credentials.create(newCredential(), auditEntry("credential.create"));
    await store.credentials.update(row.id, 1, { label: "Renamed" }, auditEntry("credential.update", { detail: { fields: ["label"] } }));
    await store.audit.append(auditEntry("token.test", { credentialId: row.id, httpStatus: 200 }));
    await store.credentials.delete(row.id, null, auditEntry("credential.delete"));
    const rows = (await store.audit.list({ limit: 200 })).items.reverse();
    await test(harness, rows);
  } finally {
    await harness.close();
  }
}

// What someone with database access does: switch the triggers off for the table (or drop them), then edit.
function pastTheTriggers(store: Store, statement: string): string {
  return store.driver === "sqlite"
    ? `DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete; ${statement}`
    : `ALTER TABLE audit_log DISABLE TRIGGER USER; ${statement}; ALTER TABLE audit_log ENABLE TRIGGER USER`;
}

export function describeAuditChainSuite(open: () => Promise<StoreHarness>): void {
  describe("audit hash chain", () => {
    it("verifies an untouched log from its first row to its head", () =>
      withFreshStore(open, async ({ store }, rows) => {
        const report = await store.audit.verifyChain();
        expect(report).toMatchObject({ rows: rows.length, broken: null, head: { id: rows[rows.length - 1]?.id } });
        expect(report.head?.hash).toMatch(/^[0-9a-f]{64}$/);
      }));

    it("refuses to overwrite an audit row by re-inserting its id (INSERT OR REPLACE, upsert)", () =>
      withFreshStore(open, async ({ store, rawExec }, rows) => {
        const target = rows[1];
        const overwrite =
          store.driver === "sqlite"
            ? `INSERT OR REPLACE INTO audit_log (id, at, actor, action, outcome, detail) VALUES (${target?.id}, '${target?.at}', 'mallory', 'credential.update', 'success', '{}')`
            : `INSERT INTO audit_log (id, at, actor, action, outcome, detail) OVERRIDING SYSTEM VALUE VALUES (${target?.id}, '${target?.at}', 'mallory', 'credential.update', 'success', '{}') ON CONFLICT (id) DO UPDATE SET actor = excluded.actor, detail = excluded.detail`;
        await expect(rawExec(overwrite)).rejects.toThrow(/append-only/);
        expect((await store.audit.list({ limit: 200 })).items.reverse()).toEqual(rows);
        expect((await store.audit.verifyChain()).broken).toBeNull();
      }));

    it("names the row whose content was changed", () =>
      withFreshStore(open, async ({ store, rawExec }, rows) => {
        const target = rows[1];
        await rawExec(pastTheTriggers(store, `UPDATE audit_log SET detail = '{"fields":["notes"]}' WHERE id = ${target?.id}`));
        const report = await store.audit.verifyChain();
        expect(report.broken).toEqual({ id: target?.id, at: target?.at, reason: expect.stringMatching(/content was changed/) });
        expect(report.rows).toBe(1);
      }));

    it("names the row after one that was removed", () =>
      withFreshStore(open, async ({ store, rawExec }, rows) => {
        await rawExec(pastTheTriggers(store, `DELETE FROM audit_log WHERE id = ${rows[1]?.id}`));
        const report = await store.audit.verifyChain();
        expect(report.broken).toEqual({ id: rows[2]?.id, at: rows[2]?.at, reason: expect.stringMatching(/row before it was removed/) });
      }));

    it("notices that the newest rows were removed", () =>
      withFreshStore(open, async ({ store, rawExec }, rows) => {
        const newest = rows[rows.length - 1];
        await rawExec(pastTheTriggers(store, `DELETE FROM audit_log WHERE id = ${newest?.id}`));
        const report = await store.audit.verifyChain();
        expect(report.broken).toEqual({ id: newest?.id, at: null, reason: expect.stringMatching(/newest rows were removed/) });
      }));

    it("catches a chain rewritten after an edit, given the head an earlier run printed", () =>
      withFreshStore(open, async ({ store, rawExec, rawQuery }) => {
        const recorded = (await store.audit.verifyChain()).head;
        if (!recorded) throw new Error("no head");
        // Edit the newest row and recompute its hash and the head, as someone who knows the scheme would.
        await rawExec(pastTheTriggers(store, `UPDATE audit_log SET detail = '{"forged":true}' WHERE id = ${recorded.id}`));
        const [edited] = (await rawQuery(`SELECT * FROM audit_log WHERE id = ${recorded.id}`)) as unknown as Selectable<AuditLogTable>[];
        if (!edited) throw new Error("row gone");
        const forged = auditHash(edited.prev_hash, edited);
        await rawExec(pastTheTriggers(store, `UPDATE audit_log SET hash = '${forged}' WHERE id = ${recorded.id}`));
        await rawExec(`UPDATE audit_chain_head SET last_hash = '${forged}'`);

        expect((await store.audit.verifyChain()).broken).toBeNull();
        expect((await store.audit.verifyChain(recorded)).broken).toMatchObject({
          id: recorded.id,
          reason: expect.stringMatching(/rewritten/),
        });

        await store.audit.append(auditEntry("login.success"));
        await rawExec(pastTheTriggers(store, `DELETE FROM audit_log WHERE id > ${recorded.id}`));
        await rawExec(`UPDATE audit_chain_head SET last_id = ${Number(recorded.id) - 1}, last_hash = '${edited.prev_hash}'`);
        await rawExec(pastTheTriggers(store, `DELETE FROM audit_log WHERE id = ${recorded.id}`));
        expect((await store.audit.verifyChain()).broken).toBeNull();
        expect((await store.audit.verifyChain(recorded)).broken).toMatchObject({
          id: recorded.id,
          reason: expect.stringMatching(/past the end/),
        });
      }));

    it("keeps one chain when many requests append at once", () =>
      withFreshStore(open, async ({ store }, rows) => {
        await Promise.all(Array.from({ length: 40 }, (_, i) => store.audit.append(auditEntry("login.success", { detail: { i } }))));
        expect(await store.audit.verifyChain()).toMatchObject({ rows: rows.length + 40, broken: null });
      }));
  });
}
