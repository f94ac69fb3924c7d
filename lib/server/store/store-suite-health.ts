import "server-only";
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEntry, dayAgo, newCredential } from "./testing/fixtures";
import type { CredentialRow, CredentialResult, NewTestRun, Store } from "./types";

// Health as a check leaves it and as the list filters, searches, sorts and counts by it.

function runOf(credential: CredentialRow, kind: "token" | "org", outcome: string, at: string): NewTestRun {
  return {
    credentialId: credential.id,
    kind,
    actor: "op",
    actorName: "Ada",
    outcome,
    httpStatus: outcome === "ok" ? 200 : 403,
    latencyMs: 10,
    orgId: null,
    orgName: null,
    cached: false,
    at,
  };
}

export function describeHealthSuite(getStore: () => Store): void {
  describe("credential health", () => {
    const p = `h${randomBytes(4).toString("hex")}`;
    const org = { id: `${p}1001`, name: `${p} ACME Corporation` };
    const make = (label: string, overrides: Partial<CredentialRow> = {}) =>
      newCredential({ label: `${p} ${label}`, clientId: `${p}-${label}`, ...overrides });
    const check = (credential: CredentialRow, kind: "token" | "org", input: CredentialResult, at: string) =>
      getStore().testRuns.recordCheck(
        runOf(credential, kind, input.org && !input.org.ok ? input.org.code : input.token, at),
        auditEntry(kind === "token" ? "token.test" : "org.lookup", { credentialId: credential.id }),
        input,
      );
    const healthOf = async (credential: CredentialRow) =>
      (await getStore().credentials.list({ staleBefore: dayAgo(), search: credential.clientId })).items.find(
        (item) => item.id === credential.id,
      )?.health;

    it("records a check that verified nothing without touching the health, and keeps a login name it learnt, found by the search", async () => {
      const row = make("learnt", { kind: "jwt_profile", keyId: `${p}-key`, keyUserId: `${p}9001` });
      await getStore().credentials.create(row, auditEntry("credential.create"));
      await check(row, "org", { token: "ok", org: { ok: true, ...org } }, "2024-02-01T00:00:00.000Z");
      const login = `${p}-key-bot`;
      const quiet = await getStore().testRuns.recordCheck(
        runOf(row, "token", "not_checked", "2024-02-02T00:00:00.000Z"),
        auditEntry("token.test", { credentialId: row.id }),
        null,
        { serviceUser: login },
      );
      expect(quiet.change).toBeNull();
      expect(await healthOf(row)).toMatchObject({ status: "working", checkedAt: "2024-02-01T00:00:00.000Z" });
      expect((await getStore().credentials.get(row.id))?.serviceUser).toBe(login);
      for (const term of [login.toUpperCase(), `${p}9001`]) {
        const found = await getStore().credentials.list({ staleBefore: dayAgo(), search: term });
        expect(found.items.map((item) => item.id)).toEqual([row.id]);
      }
    });

    it("takes the status from the latest token result and the latest org result together", async () => {
      const row = make("rule");
      await getStore().credentials.create(row, auditEntry("credential.create"));
      expect(await healthOf(row)).toEqual({ status: null, code: null, since: null, checkedAt: null, lastOrg: null });

      const first = await check(row, "token", { token: "ok" }, "2024-01-01T00:00:00.000Z");
      expect(first.change).toEqual({ from: null, to: "working" });
      expect(first.run).toMatchObject({ credentialId: row.id, kind: "token", outcome: "ok" });

      const found = await check(row, "org", { token: "ok", org: { ok: true, ...org } }, "2024-01-02T00:00:00.000Z");
      expect(found.change).toBeNull();
      expect(await healthOf(row)).toMatchObject({
        status: "working",
        since: "2024-01-01T00:00:00.000Z",
        lastOrg: { ...org, at: "2024-01-02T00:00:00.000Z" },
      });

      const refused = await check(row, "org", { token: "ok", org: { ok: false, code: "missing_permission" } }, "2024-01-03T00:00:00.000Z");
      expect(refused.change).toEqual({ from: "working", to: "org_fails" });
      // A token test that passes does not hide that orgs/me still fails; the org it last reached is kept.
      const tokenOk = await check(row, "token", { token: "ok" }, "2024-01-04T00:00:00.000Z");
      expect(tokenOk.change).toBeNull();
      expect(await healthOf(row)).toEqual({
        status: "org_fails",
        code: "missing_permission",
        since: "2024-01-03T00:00:00.000Z",
        checkedAt: "2024-01-04T00:00:00.000Z",
        lastOrg: { ...org, at: "2024-01-02T00:00:00.000Z" },
      });

      // An org lookup that failed at the token stage is a token result.
      const tokenStage = await check(row, "org", { token: "invalid_secret" }, "2024-01-05T00:00:00.000Z");
      expect(tokenStage.change).toEqual({ from: "org_fails", to: "token_fails" });
      expect(await healthOf(row)).toMatchObject({ status: "token_fails", code: "invalid_secret", since: "2024-01-05T00:00:00.000Z" });

      const runs = await getStore().testRuns.list(row.id);
      expect(runs).toHaveLength(5);
      const audit = await getStore().audit.list({ credentialId: row.id });
      expect(audit.items.map((item) => item.action)).toEqual([
        "org.lookup",
        "token.test",
        "org.lookup",
        "org.lookup",
        "token.test",
        "credential.create",
      ]);
    });

    it("reads one credential with the same last test and health the list shows", async () => {
      const row = make("one");
      await getStore().credentials.create(row, auditEntry("credential.create"));
      await check(row, "org", { token: "ok", org: { ok: true, ...org } }, "2024-02-01T00:00:00.000Z");
      await check(row, "org", { token: "ok", org: { ok: false, code: "missing_permission" } }, "2024-02-02T00:00:00.000Z");
      const listed = (await getStore().credentials.list({ staleBefore: dayAgo(), search: row.clientId })).items.find(
        (item) => item.id === row.id,
      );
      const one = await getStore().credentials.getWithLastTest(row.id);
      expect(one).toEqual(listed);
      expect(one).toMatchObject({
        lastTest: { kind: "org", outcome: "missing_permission", at: "2024-02-02T00:00:00.000Z" },
        health: { status: "org_fails", code: "missing_permission", lastOrg: { ...org, at: "2024-02-01T00:00:00.000Z" } },
      });
      await getStore().credentials.delete(row.id, null, auditEntry("credential.delete", { credentialId: row.id }));
      expect(await getStore().credentials.getWithLastTest(row.id)).toBeNull();
    });

    it("reports one change when two checks of the same credential race", async () => {
      const row = make("race");
      await getStore().credentials.create(row, auditEntry("credential.create"));
      const at = new Date().toISOString();
      const results = await Promise.all(
        Array.from({ length: 4 }, () => check(row, "org", { token: "ok", org: { ok: false, code: "missing_permission" } }, at)),
      );
      expect(results.filter((result) => result.change !== null)).toHaveLength(1);
      expect(await getStore().testRuns.list(row.id)).toHaveLength(4);
    });

    it("refuses a check of a credential that no longer exists, recording nothing", async () => {
      const row = make("gone");
      await expect(check(row, "token", { token: "ok" }, new Date().toISOString())).rejects.toThrow("not found");
      expect((await getStore().audit.list({ credentialId: row.id })).items).toEqual([]);
    });

    describe("in the list", () => {
      // Its own prefix and org, so the rows above stay out of these lists.
      const q = `l${randomBytes(4).toString("hex")}`;
      const org = { id: `${q}1001`, name: `${q} ACME Corporation` };
      const make = (label: string, overrides: Partial<CredentialRow> = {}) =>
        newCredential({ label: `${q} ${label}`, clientId: `${q}-${label}`, ...overrides });
      const now = Date.now();
      const recent = (minutes: number) => new Date(now - minutes * 60_000).toISOString();
      const staleBefore = new Date(now - 24 * 3600_000).toISOString();
      const rows = {
        working: make("a-working", { issuer: `https://${q}.example` }),
        orgFails: make("b-orgfails"),
        tokenFails: make("c-tokenfails"),
        stale: make("d-stale"),
        untested: make("e-untested"),
      };
      beforeAll(async () => {
        for (const row of Object.values(rows)) await getStore().credentials.create(row, auditEntry("credential.create"));
        await check(rows.working, "org", { token: "ok", org: { ok: true, ...org } }, recent(3));
        await check(rows.orgFails, "org", { token: "ok", org: { ok: true, ...org } }, recent(30));
        await check(rows.orgFails, "org", { token: "ok", org: { ok: false, code: "missing_permission" } }, recent(2));
        await check(rows.tokenFails, "token", { token: "invalid_secret" }, recent(1));
        await check(rows.stale, "org", { token: "ok", org: { ok: true, id: `${q}2002`, name: `${q} Globex` } }, "2020-01-01T00:00:00.000Z");
      });
      const labels = async (query: Omit<Parameters<Store["credentials"]["list"]>[0], "staleBefore">) =>
        (await getStore().credentials.list({ search: q, staleBefore, ...query })).items.map((item) => item.label.slice(q.length + 1));

      it("filters by status, with stale and untested decided by time and by having no check", async () => {
        expect(await labels({ status: "working" })).toEqual(["a-working"]);
        expect(await labels({ status: "org_fails" })).toEqual(["b-orgfails"]);
        expect(await labels({ status: "token_fails" })).toEqual(["c-tokenfails"]);
        expect(await labels({ status: "stale" })).toEqual(["d-stale"]);
        expect(await labels({ status: "untested" })).toEqual(["e-untested"]);
      });

      it("filters by last known org and issuer, and searches the last known org's name and id", async () => {
        expect(await labels({ org: org.id })).toEqual(["a-working", "b-orgfails"]);
        expect(await labels({ issuer: `https://${q}.example` })).toEqual(["a-working"]);
        const search = async (search: string) =>
          (await getStore().credentials.list({ staleBefore: dayAgo(), search })).items.map((item) => item.label.slice(q.length + 1));
        expect(await search(org.name.toUpperCase())).toEqual(["a-working", "b-orgfails"]);
        expect(await search(`${q}2002`)).toEqual(["d-stale"]);
        expect(await search(`${q} glob`)).toEqual(["d-stale"]);
        // A search never matches across two fields.
        expect(await search(`${q}-a-working ${q}`)).toEqual([]);
      });

      it("sorts by last checked, never-checked oldest, one page at a time", async () => {
        const seen: string[] = [];
        let cursor: string | null = null;
        for (let guard = 0; guard < 10; guard += 1) {
          const page: Awaited<ReturnType<Store["credentials"]["list"]>> = await getStore().credentials.list({
            staleBefore: dayAgo(),
            search: q,
            sort: "lastChecked",
            order: "desc",
            limit: 2,
            cursor,
          });
          seen.push(...page.items.map((item) => item.label.slice(q.length + 1)));
          cursor = page.nextCursor;
          if (!cursor) break;
        }
        expect(seen).toEqual(["c-tokenfails", "b-orgfails", "a-working", "d-stale", "e-untested"]);
      });

      it("counts per status and per org, each leaving its own filter out, and lists the filter's ids", async () => {
        const counts = await getStore().credentials.countHealth({ search: q, staleBefore, status: "working", org: org.id });
        expect(counts.byStatus).toEqual({ working: 1, token_fails: 0, org_fails: 1, issuer_unavailable: 0, untested: 0, stale: 0 });
        expect(counts.total).toBe(1);
        const all = await getStore().credentials.countHealth({ search: q, staleBefore });
        expect(all.byStatus).toEqual({ working: 1, token_fails: 1, org_fails: 1, issuer_unavailable: 0, untested: 1, stale: 1 });
        expect(all.total).toBe(5);
        // Largest first; credentials with no known org after the orgs with as many.
        expect(all.byOrg).toEqual([
          { id: org.id, name: org.name, count: 2 },
          { id: null, name: null, count: 2 },
          { id: `${q}2002`, name: `${q} Globex`, count: 1 },
        ]);
        const ids = await getStore().credentials.listIds({ search: q, staleBefore, status: "org_fails" });
        expect(ids).toEqual([rows.orgFails.id]);
      });
    });
  });
}
