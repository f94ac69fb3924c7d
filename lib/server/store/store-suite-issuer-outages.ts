import "server-only";
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { auditEntry, newCredential } from "./testing/fixtures";
import type { CredentialRow, HealthInput, Store } from "./types";

// An issuer's outage as the checks of its credentials find it: each credential shows it as its own status, the
// counts and the status filter keep it apart from failing, and of many checks exactly one opens the outage and
// exactly one closes it, even when they run at once.

export function describeIssuerOutageSuite(getStore: () => Store): void {
  describe("issuer outages", () => {
    const down: HealthInput = { issuerUnavailable: "server_error" };
    const working: HealthInput = { token: "ok" };
    const check = (row: CredentialRow, input: HealthInput, at: string) =>
      getStore().testRuns.recordCheck(
        {
          credentialId: row.id,
          kind: "token",
          actor: "op",
          actorName: "Ada",
          outcome: "token" in input ? input.token : input.issuerUnavailable,
          httpStatus: "token" in input ? 200 : 503,
          latencyMs: 5,
          orgId: null,
          orgName: null,
          cached: false,
          at,
        },
        auditEntry("token.test", { credentialId: row.id }),
        input,
      );
    const register = async (count: number) => {
      const p = `o${randomBytes(4).toString("hex")}`;
      const issuer = `https://${p}.zitadel.example`;
      const rows = Array.from({ length: count }, (_, i) => newCredential({ label: `${p} ${i}`, clientId: `${p}-${i}`, issuer }));
      for (const row of rows) await getStore().credentials.create(row, auditEntry("credential.create"));
      return { issuer, rows };
    };
    const outageOf = async (issuer: string) =>
      (await getStore().credentials.listIssuerOutages()).find((outage) => outage.issuer === issuer);

    it("opens an issuer's outage once, counts it apart from failing, and closes it with its last credential", async () => {
      const { issuer, rows } = await register(3);
      const [a, b, c] = rows as [CredentialRow, CredentialRow, CredentialRow];
      await check(a, working, "2024-03-01T00:00:00.000Z");
      const first = await check(a, down, "2024-03-01T01:00:00.000Z");
      expect(first.change).toEqual({ from: "working", to: "issuer_unavailable" });
      expect(first.issuerChange).toEqual({ issuer, to: "unavailable", since: "2024-03-01T01:00:00.000Z", code: "server_error" });
      expect((await check(b, down, "2024-03-01T02:00:00.000Z")).issuerChange).toBeNull();
      expect((await check(a, down, "2024-03-01T03:00:00.000Z")).issuerChange).toBeNull();
      expect(await outageOf(issuer)).toEqual({ issuer, since: "2024-03-01T01:00:00.000Z", code: "server_error", credentials: 2 });

      const filter = { staleBefore: "2024-01-01T00:00:00.000Z", issuer };
      const counts = await getStore().credentials.countHealth(filter);
      expect(counts.byStatus).toMatchObject({ issuer_unavailable: 2, untested: 1, token_fails: 0, org_fails: 0, working: 0 });
      const listed = await getStore().credentials.list({ ...filter, status: "issuer_unavailable" });
      expect(listed.items.map((item) => item.id).sort()).toEqual([a.id, b.id].sort());
      expect(listed.items.map((item) => item.health.status)).toEqual(["issuer_unavailable", "issuer_unavailable"]);
      // The same counts from the maintained table (no narrowing filter), as the unfiltered list reads them.
      const all = await getStore().credentials.countHealth({ staleBefore: "2024-01-01T00:00:00.000Z" });
      expect(all.byStatus.issuer_unavailable).toBeGreaterThanOrEqual(2);

      const aBack = await check(a, working, "2024-03-01T04:00:00.000Z");
      expect(aBack.change).toBeNull(); // working before the outage, working after it: no news about the credential
      expect(aBack.issuerChange).toBeNull(); // b still finds the issuer unavailable
      const bBack = await check(b, { token: "invalid_secret" }, "2024-03-01T05:00:00.000Z");
      expect(bBack.change).toEqual({ from: null, to: "token_fails" });
      expect(bBack.issuerChange).toEqual({ issuer, to: "available", since: "2024-03-01T01:00:00.000Z", code: "server_error" });
      expect(await outageOf(issuer)).toBeUndefined();
      expect((await check(c, down, "2024-03-02T00:00:00.000Z")).issuerChange?.to).toBe("unavailable");
    });

    it("opens and closes an outage once when many credentials find it at the same time", async () => {
      const { issuer, rows } = await register(6);
      const at = (minute: number) => `2024-04-01T00:${String(minute).padStart(2, "0")}:00.000Z`;
      const went = await Promise.all(rows.map((row, i) => check(row, down, at(i))));
      expect(went.filter((result) => result.issuerChange?.to === "unavailable")).toHaveLength(1);
      expect((await outageOf(issuer))?.credentials).toBe(6);
      const came = await Promise.all(rows.map((row, i) => check(row, working, at(30 + i))));
      expect(came.filter((result) => result.issuerChange?.to === "available")).toHaveLength(1);
      expect(await outageOf(issuer)).toBeUndefined();
    });
  });
}
